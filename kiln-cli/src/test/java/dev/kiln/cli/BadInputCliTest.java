package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadInputCliTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "malformed YAML | `stages:\\n  a: {run: [echo\\n` | kiln.yaml:5:1: invalid YAML: expected ',' or ']', but got <stream end>",
      "unknown key | `stages:\\n  a: {run: echo, dpes: [x]}\\n` | kiln.yaml:4:18: stages.a.dpes: unknown key 'dpes' (did you mean 'deps'?)",
      "wrong type | `stages:\\n  a: {run: echo, retries: [1]}\\n` | kiln.yaml:4:27: stages.a.retries: expected a whole number, found a list",
      "cycle | `stages:\\n  a: {run: echo, needs: [b]}\\n  b: {run: echo, needs: [a]}\\n` | stages form a cycle: a → b → a",
      "unknown needs | `stages:\\n  a: {run: echo, needs: [bb]}\\n  b: {run: echo}\\n` | kiln.yaml:4:26: stages.a.needs[0]: unknown stage 'bb' (did you mean 'b'?)",
      "unknown step | `stages:\\n  a: {uses: tran}\\n` | kiln.yaml:4:13: stages.a.uses: unknown step 'tran'",
      "missing dep | `stages:\\n  a: {run: echo, deps: [nope.csv]}\\n` | kiln.yaml:4:25: stages.a.deps[0]: 'nope.csv' does not exist and no stage outputs it",
      "tab indentation | `stages:\\n\\tx:\\n\\t\\trun: \"true\"\\n` | kiln.yaml:4:1: tabs are not allowed for indentation in YAML; use spaces",
  })
  void badConfigurationExitsWithCode2AndNamesFileLineAndColumn(String what, String yaml, String expected)
      throws IOException {
    p.pipeline(yaml.replace("\\n", "\n").replace("\\t", "\t"));
    for (String command : new String[] {"run", "status"}) {
      TestProject.Result r = p.kiln(command);
      assertThat(r.exit()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains(expected).contains("nothing was run").doesNotContain("Exception");
    }
  }

  @Test
  void aTabInParamsYamlOrACheckSuiteIsALocatedProblemWithExitCode2() throws IOException {
    p.pipeline("stages:\n  a: {run: echo, params: [lr]}\n");
    p.file("params.yaml", "train:\n\tlr: 1\n");
    TestProject.Result r = p.kiln("status");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("params.yaml:2:1: tabs are not allowed for indentation in YAML; use spaces")
        .doesNotContain("Exception");
    p.file("data.csv", "x\n1\n").file("checks.yaml", "columns:\n\tx: {type: integer}\n");
    TestProject.Result v = p.kiln("validate", tmp.resolve("data.csv").toString(), "--checks",
        tmp.resolve("checks.yaml").toString());
    assertThat(v.exit()).as(v.toString()).isEqualTo(2);
    assertThat(v.err()).contains(":2:1: tabs are not allowed for indentation in YAML; use spaces")
        .doesNotContain("Exception");
  }

  @Test
  void anOversizedKilnYamlIsRefusedAtOnceWithExitCode2() throws IOException {
    p.pipeline("stages:\n  a: {run: echo, dpes: [x]}\n");
    assertThat(p.kiln("status").exit()).as("warm-up: the same refusal for a small file").isEqualTo(2);
    p.pipeline("stages:\n  a: {run: \"echo " + "x".repeat(10_000_000) + "\"}\n");
    long t0 = System.nanoTime();
    TestProject.Result r = p.kiln("status");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("kiln.yaml: file is 10.0 MB; Kiln reads YAML files up to 2 MB");
    assertThat(ms).as("refused in ms").isLessThan(1000);
  }

  @Test
  void aMissingProjectIsAUsageError() {
    TestProject.Result r = new TestProject(tmp.resolve("none")).kiln("status");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no kiln.yaml in");
  }

  @Test
  void unknownOptionsSuggestAndPointToHelp() throws IOException {
    p.pipeline("stages:\n  a: {run: echo}\n");
    TestProject.Result r = p.kiln("run", "--dryrun");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--dryrun'", "--dry-run", "kiln run --help");
  }

  @Test
  void aStoreUrlKilnDoesNotSpeakIsAUsageError() throws IOException {
    p.pipeline("stages:\n  a: {run: echo}\n");
    TestProject.Result r = p.kiln("--db", "mysql://foo", "status");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unsupported database URL 'mysql://foo'", "jdbc:postgresql://HOST/DB");
  }

  @Test
  void aWaitThatIsNotADurationIsAUsageError() throws IOException {
    p.pipeline("stages:\n  a: {run: echo}\n");
    TestProject.Result r = p.kiln("run", "--wait", "soon");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--wait: invalid duration 'soon'");
  }

  @Test
  void aBrokenStateDirectoryIsSaidInWordsNotAsABarePath() throws IOException {
    p.pipeline("stages:\n  a: {run: 'echo x > o.txt', outs: [o.txt]}\n");
    assertThat(p.kiln("run", "-q").exit()).isZero();
    java.nio.file.Path runs = p.dir.resolve(".kiln/runs");
    dev.kiln.core.artifact.ArtifactStore.deleteRecursively(runs);
    java.nio.file.Files.writeString(runs, "not a directory");
    TestProject.Result r = p.kiln("run", "--force", "-q");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed in \\d+ms: error: .*" + java.util.regex.Pattern.quote(runs.toString())
        + ".*(not a directory|in the way|Not a directory).*\\(in Kiln's state directory \\.kiln/\\)");
  }

  @Test
  void helpTeachesWithExamplesAndExitCodes() {
    TestProject.Result r = p.kiln("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Examples:", "kiln run train --dry-run", "Exit codes: 0 success");
    assertThat(p.kiln("run", "--help").out()).contains("--downstream", "--keep-going", "--jobs");
  }
}
