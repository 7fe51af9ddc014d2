package dev.kiln.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.suggest.Suggester;
import dev.kiln.stats.profile.Profile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data command works on a table of 400 columns (the fused scan is split into some 50
 * queries by the memory budget, over the data read once into a table), and what it says about a
 * few columns is what it says when those columns are all the file holds. (bench/data/wide.sh
 * runs the commands at 1,500 columns; 400 keep this test within half a minute.)
 */
class WideDataTest {
  static final int COLUMNS = 400;
  static final int ROWS = 2000;
  static final List<String> FEW = List.of("f0001", "f0010", "f0201", "f0399", "grade");

  @TempDir
  static Path dir;

  static Path wide;
  static Path wideReference;
  static Path narrow;
  static Path narrowReference;

  @BeforeAll
  static void writeData() throws IOException {
    wide = dir.resolve("wide.csv");
    wideReference = dir.resolve("wide-ref.csv");
    narrow = dir.resolve("narrow.csv");
    narrowReference = dir.resolve("narrow-ref.csv");
    List<String> all = IntStream.rangeClosed(1, COLUMNS).mapToObj(WideDataTest::name).collect(Collectors.toList());
    all.add("grade");
    write(wide, all, all, 1, 0);
    write(narrow, all, FEW, 1, 0);
    write(wideReference, all, all, 2, 0.5);
    write(narrowReference, all, FEW, 2, 0.5);
  }

  @Test
  void profilingAWideTableGivesTheProfileOfEachColumnAlone() {
    Profile w = profile(wide);
    Profile n = profile(narrow);
    assertThat(w.rows()).isEqualTo(ROWS);
    assertThat(w.columns()).hasSize(COLUMNS + 1);
    for (String c : FEW) {
      assertThat(w.column(c)).as(c).isEqualTo(n.column(c));
    }
  }

  @Test
  void suggestingASuiteForAWideTableSuggestsWhatEachColumnAloneGets() {
    String w = suggest(wide);
    String n = suggest(narrow);
    for (String c : FEW) {
      assertThat(block(w, c)).as(c).isNotEmpty().isEqualTo(block(n, c));
    }
    assertThat(block(w, "f0400")).contains("type: integer");
  }

  /** The lines of a suggested suite under {@code columns: c:}. */
  private static String block(String yaml, String c) {
    int start = yaml.indexOf("\n  " + c + ":\n");
    if (start < 0) {
      return "";
    }
    java.util.regex.Matcher end = java.util.regex.Pattern.compile("\n(?!    )").matcher(yaml);
    return yaml.substring(start, end.find(start + 1) ? end.start() : yaml.length());
  }

  @Test
  void validatingAWideTableWithASuiteAndAReferenceGivesTheNarrowResults() throws IOException {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, """
        table: { rows: { min: 1 } }
        columns:
          f0001: { not-null: true, range: [-1, 1], mean: [-0.1, 0.1], quantiles: { 0.5: [-0.1, 0.1] } }
          f0010: { range: [0, 19], distinct: [10, 20], outliers: { max: 0.01 } }
          f0201: { std: [50, 200], unique: true }
          grade: { in-set: [a, b, c], most-common-share: { max: 0.5 } }
        """);
    Validation w = validate(wide, suite, wideReference);
    Validation n = validate(narrow, suite, narrowReference);
    assertThat(w.checks()).hasSize(n.checks().size());
    for (int i = 0; i < n.checks().size(); i++) {
      assertThat(result(w.checks().get(i))).isEqualTo(result(n.checks().get(i)));
    }
    DriftReport wd = w.drift().orElseThrow();
    DriftReport nd = n.drift().orElseThrow();
    assertThat(wd.columns()).hasSize(COLUMNS + 1);
    for (DriftResult r : nd.columns()) {
      assertThat(wd.columns().stream().filter(x -> x.column().equals(r.column())).findFirst()).contains(r);
    }
    assertThat(wd.columns().stream().filter(DriftResult::drifted).map(DriftResult::column))
        .contains("f0003", "f0203").doesNotContain("f0001", "f0201");
  }

  private static String result(CheckResult r) {
    return r.id() + " " + r.passed() + " " + r.message();
  }

  private static Profile profile(Path file) {
    try (DataSource ds = DataSource.open(file.toString(), ReadOptions.DEFAULT)) {
      return Profiler.profile(ds);
    }
  }

  private static String suggest(Path file) {
    try (DataSource ds = DataSource.open(file.toString(), ReadOptions.DEFAULT)) {
      return Suggester.suggest(ds);
    }
  }

  private static Validation validate(Path file, Path suite, Path reference) {
    return new Validator(dir).validate(file.toString(), Suite.parse(suite), Optional.of(new Baseline.Data(reference)));
  }

  static String name(int j) {
    return String.format(Locale.ROOT, "f%04d", j);
  }

  /**
   * Columns f0001… (every tenth an integer in [0, 20), the others sums of uniforms scaled by their
   * number; those ending in 3 shifted by {@code shift}) and a text column; the values of
   * {@code all} are drawn, the columns of {@code kept} written.
   */
  private static void write(Path file, List<String> all, List<String> kept, long seed, double shift) throws IOException {
    Random rnd = new Random(seed);
    String[] grades = {"a", "b", "c"};
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(String.join(",", kept) + "\n");
      String[] row = new String[all.size()];
      int[] index = kept.stream().mapToInt(all::indexOf).toArray();
      for (int i = 0; i < ROWS; i++) {
        for (int j = 1; j <= all.size(); j++) {
          if (j == all.size()) {
            row[j - 1] = grades[rnd.nextInt(3)];
          } else if (j % 10 == 0) {
            row[j - 1] = Integer.toString(rnd.nextInt(20));
          } else {
            double v = (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5) * j + (j % 10 == 3 ? shift * j : 0);
            row[j - 1] = String.format(Locale.ROOT, "%.4f", v);
          }
        }
        StringBuilder line = new StringBuilder();
        for (int k : index) {
          line.append(line.length() == 0 ? "" : ",").append(row[k]);
        }
        w.write(line.append('\n').toString());
      }
    }
  }
}
