package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data that is missing, empty or malformed is the user's to fix: every command that reads data
 * exits 2 with one line naming the file (and the line), and a stage fails with the same words.
 */
class UnreadableDataTest {
  @TempDir
  static Path dir;
  static TestProject project;

  @BeforeAll
  static void aProjectWithAModel() throws Exception {
    project = new TestProject(dir);
    StringBuilder good = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 80; i++) {
      good.append(i).append(',').append(i % 7 * 0.5).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
    }
    project.pipeline("stages: {}\n").file("good.csv", good.toString())
        .file("malformed.csv", "a,b,label\n1,0.5,1\n2,1.5\n3,2.5,0\n").file("empty.csv", "")
        .file("broken.parquet", "not parquet at all").file("checks.yaml", "columns: { a: { range: [0, 100] } }\n");
    Files.createDirectories(dir.resolve("folder.csv"));
    TestProject.Result r = project.kiln("train", dir.resolve("good.csv").toString(), "--label", "label", "--out",
        dir.resolve("model").toString(), "-P", "trees=5");
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  /** Each kind of unreadable data set with what the error says about it. */
  static final List<String[]> KINDS = List.of(
      new String[] {"malformed.csv", "malformed.csv:3: expected 3 fields (as in the first line), found 2"},
      new String[] {"empty.csv", "empty.csv: the file is empty (no header, no rows)"},
      new String[] {"missing.csv", "missing.csv: no such file"},
      new String[] {"folder.csv", "folder.csv: is a directory, not a data file"},
      new String[] {"broken.parquet", "broken.parquet: "});

  static Stream<Arguments> commandsOnUnreadableData() {
    List<Arguments> all = new ArrayList<>();
    for (String[] kind : KINDS) {
      String data = dir.resolve(kind[0]).toString();
      String good = dir.resolve("good.csv").toString();
      String checks = dir.resolve("checks.yaml").toString();
      String model = dir.resolve("model").toString();
      all.add(Arguments.of(kind[0], kind[1], new String[] {"validate", data, "--checks", checks}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"validate", good, "--reference", data}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"profile", data}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"suggest", data}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"train", data, "--label", "label", "--out",
          dir.resolve("unused").toString()}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"train", good, "--label", "label", "--validation", data,
          "--out", dir.resolve("unused").toString()}));
      all.add(Arguments.of(kind[0], kind[1], new String[] {"evaluate", model, data, "--out",
          dir.resolve("unused-eval").toString()}));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("commandsOnUnreadableData")
  void everyCommandThatReadsDataExitsWith2AndNamesTheProblem(String file, String problem, String[] args) {
    TestProject.Result r = project.kiln(args);
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).startsWith("kiln: cannot read the data: ").contains(problem)
        .doesNotContain("Exception", "\tat ", "--stacktrace");
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
  }

  @Test
  void aStageReadingMalformedDataFailsWithTheCommandsWords() throws Exception {
    TestProject p = new TestProject(dir.resolve("pipeline"));
    p.file("data.csv", project.read("malformed.csv")).file("checks.yaml", project.read("checks.yaml"));
    Files.createDirectories(p.dir.resolve("model"));
    try (Stream<Path> files = Files.list(dir.resolve("model"))) {
      for (Path f : files.toList()) {
        Files.copy(f, p.dir.resolve("model").resolve(f.getFileName()));
      }
    }
    p.pipeline("""
        stages:
          check:
            uses: validate-data
            with: {data: data.csv, checks: checks.yaml}
          train:
            uses: train
            with: {data: data.csv, label: label, out: trained}
          evaluate:
            uses: evaluate
            with: {model: model, data: data.csv, label: label, latency: false}
        """);
    TestProject.Result r = p.kiln("run", "-k");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    String problem = "cannot read the data: " + p.dir.resolve("data.csv")
        + ":3: expected 3 fields (as in the first line), found 2";
    for (String stage : List.of("check", "train", "evaluate")) {
      assertThat(r.out()).as(r.toString()).containsPattern("✘ " + stage + ": failed in [0-9.]+m?s: "
          + java.util.regex.Pattern.quote(problem));
    }
  }
}
