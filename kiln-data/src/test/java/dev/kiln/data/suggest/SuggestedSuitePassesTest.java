package dev.kiln.data.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Suite;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A suggested suite describes the data it was suggested from, so that data always passes it. */
class SuggestedSuitePassesTest {
  /** The kinds of column a generated table draws from; near-unique ones sit at the unique rule's edge. */
  enum Kind { IDS, NEAR_UNIQUE_INTS, NEAR_UNIQUE_TEXT, CATEGORIES, SMALL_INTS, FLOATS, DATES, TIMESTAMPS, TEXT }

  @Test
  void aColumnWith1427DistinctValuesIn1470RowsIsNotSuggestedAsUnique() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1470; i++) {
      values.add(String.valueOf(i < 1427 ? i : i - 1427));
    }
    Collections.shuffle(values, new Random(1));
    Path csv = write(List.of("customer"), 1470, r -> new String[] {values.get(r)});
    String yaml = suggest(csv);
    assertThat(yaml).doesNotContain("unique: true").contains("unique: { mostly:");
    assertPasses(csv, yaml);
  }

  @Test
  void aColumnWithoutRepeatsIsSuggestedAsUnique() throws Exception {
    Path csv = write(List.of("id"), 500, r -> new String[] {String.valueOf(r * 7)});
    String yaml = suggest(csv);
    assertThat(yaml).contains("unique: true");
    assertPasses(csv, yaml);
  }

  @Property(tries = 40)
  void theDataASuiteWasSuggestedFromPassesIt(@ForAll long seed, @ForAll @IntRange(min = 2, max = 400) int rows,
      @ForAll @Size(min = 1, max = 6) List<Kind> kinds, @ForAll @IntRange(min = 0, max = 30) int nullPercent)
      throws Exception {
    Random random = new Random(seed);
    List<String> names = new ArrayList<>();
    List<String[]> columns = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      names.add(kinds.get(i).name().toLowerCase() + "_" + i);
      boolean nullable = random.nextBoolean();
      columns.add(column(kinds.get(i), rows, random, nullable ? nullPercent : 0));
    }
    Path csv = write(names, rows, r -> columns.stream().map(c -> c[r]).toArray(String[]::new));
    assertPasses(csv, suggest(csv));
  }

  private static String[] column(Kind kind, int rows, Random random, int nullPercent) {
    String[] values = new String[rows];
    int repeats = random.nextInt(Math.max(1, rows * 8 / 100) + 1);
    LocalDate day = LocalDate.of(2020, 1, 1);
    String[] categories = {"yes", "no", "a b", "x,y", "say \"hi\"", "é", "null", "1.5"};
    for (int r = 0; r < rows; r++) {
      int nearUnique = r < rows - repeats ? r : random.nextInt(rows - repeats);
      values[r] = switch (kind) {
        case IDS -> String.valueOf(r * 3 - 50);
        case NEAR_UNIQUE_INTS -> String.valueOf(nearUnique * 11);
        case NEAR_UNIQUE_TEXT -> "k" + nearUnique;
        case CATEGORIES -> categories[random.nextInt(1 + random.nextInt(categories.length))];
        case SMALL_INTS -> String.valueOf(random.nextInt(5) - 2);
        case FLOATS -> String.valueOf(Math.round(random.nextGaussian() * 1e6) / 1e3);
        case DATES -> day.plusDays(random.nextInt(2000)).toString();
        case TIMESTAMPS -> LocalDateTime.of(day, java.time.LocalTime.NOON).plusSeconds(random.nextInt(100_000_000))
            .toString().replace('T', ' ');
        case TEXT -> "t".repeat(1 + random.nextInt(12)) + random.nextInt(1000);
      };
      if (random.nextInt(100) < nullPercent) {
        values[r] = "";
      }
    }
    Collections.shuffle(java.util.Arrays.asList(values), random);
    return values;
  }

  private static Path write(List<String> names, int rows, IntFunction<String[]> row) throws Exception {
    StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
    for (int r = 0; r < rows; r++) {
      List<String> fields = new ArrayList<>();
      for (String v : row.apply(r)) {
        fields.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
      }
      sb.append(String.join(",", fields)).append('\n');
    }
    Path dir = Files.createTempDirectory("suggest");
    return Files.writeString(dir.resolve("table.csv"), sb);
  }

  private static String suggest(Path csv) {
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      return Suggester.suggest(ds);
    }
  }

  private static void assertPasses(Path csv, String yaml) throws Exception {
    Path suite = Files.writeString(csv.resolveSibling("suite.yaml"), yaml);
    Validation v = new Validator(csv.getParent()).validate(csv.toString(), Suite.parse(suite), Optional.empty());
    assertThat(v.checks()).as("%s%n%s", yaml, Files.readString(csv).lines().limit(20).toList())
        .filteredOn(c -> !c.passed()).extracting(CheckResult::toString).isEmpty();
    try (var files = Files.list(csv.getParent())) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(csv.getParent());
  }
}
