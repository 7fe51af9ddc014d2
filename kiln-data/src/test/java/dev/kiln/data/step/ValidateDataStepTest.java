package dev.kiln.data.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Problem;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.YamlReader;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepRegistry;
import dev.kiln.core.step.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateDataStepTest {
  @TempDir
  Path project;

  final ValidateDataStep step = new ValidateDataStep();

  /** A real, minimal host for one step call. */
  record Context(Path projectDir, Map<String, Object> with, PrintStream log) implements StepContext {
    public long runId() {
      return 7;
    }

    public String stageName() {
      return "data-tests";
    }

    public Map<String, Object> params() {
      return Map.of();
    }

    public Path reportDir() {
      return projectDir.resolve(".kiln/runs/7/data-tests");
    }

    public boolean cancelled() {
      return false;
    }

    public dev.kiln.core.pipeline.Pipeline pipeline() {
      return new dev.kiln.core.pipeline.Pipeline(projectDir, "test", Optional.empty(),
          dev.kiln.core.pipeline.Params.EMPTY, Map.of());
    }

    public java.util.List<String> upstreamStages() {
      return java.util.List.of();
    }

    public Map<String, Double> upstreamMetrics(String stage) {
      return Map.of();
    }

    public <T> Optional<T> service(Class<T> type) {
      return Optional.empty();
    }
  }

  @BeforeEach
  void data() throws Exception {
    Files.createDirectories(project.resolve("data"));
    Files.createDirectories(project.resolve("checks"));
    Files.copy(Path.of("../examples/quickstart/data/hmda.csv"), project.resolve("data/hmda.csv"));
  }

  StepResult run(Map<String, Object> with) throws Exception {
    return step.run(new Context(project, with, new PrintStream(new ByteArrayOutputStream(), true)));
  }

  @Test
  void isFoundByTheStepRegistry() {
    assertThat(StepRegistry.load().find("validate-data")).isPresent();
  }

  @Test
  void turnsResultsIntoMetricsAndWritesReports() throws Exception {
    Files.writeString(project.resolve("checks/data.yaml"), """
        columns:
          pirat: { range: [0, 3] }
          deny: { in-set: [yes, no] }
        """);
    StepResult r = run(Map.of("data", "data/hmda.csv", "checks", "checks/data.yaml", "report", "reports/data.xml"));
    assertThat(r.passed()).isTrue();
    assertThat(r.metrics()).containsEntry("checks.failed", 0.0).containsEntry("checks.passed", 2.0)
        .containsEntry("check.pirat.range.unexpected_percent", 0.0).containsEntry("rows", 2380.0);
    assertThat(project.resolve(".kiln/runs/7/data-tests/validation.json")).exists();
    assertThat(project.resolve(".kiln/runs/7/data-tests/validation.html")).exists();
    assertThat(Files.readString(project.resolve("reports/data.xml"))).contains("<testcase name=\"pirat.range\"");
    assertThat(step.paths(Map.of("data", "data/hmda.csv", "checks", "checks/data.yaml", "report", "reports/data.xml")).outs())
        .containsExactly("reports/data.xml");
  }

  @Test
  void aFailingStageNamesTheFailingChecksInItsReason() throws Exception {
    Files.writeString(project.resolve("checks/data.yaml"), """
        columns:
          pirat: { range: [0, 1] }
          lvrat: { mean: { max: 0.1 } }
          deny: { in-set: { values: [no], severity: warning } }
        """);
    StepResult r = run(Map.of("data", "data/hmda.csv", "checks", "checks/data.yaml"));
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo("2 data checks failed: pirat.range, lvrat.mean");
    assertThat(r.details()).hasSize(2);
    assertThat(r.metrics()).containsEntry("checks.failed", 2.0).containsEntry("checks.warnings", 1.0);
    StepResult strict = run(Map.of("data", "data/hmda.csv", "checks", "checks/data.yaml", "fail-on", "warning"));
    assertThat(strict.reason()).startsWith("3 data checks failed");
  }

  @Test
  void comparesWithAReferenceAndReportsDriftMetrics() throws Exception {
    List<String> lines = Files.readAllLines(project.resolve("data/hmda.csv"));
    Files.write(project.resolve("data/ref.csv"), lines.subList(0, 900));
    StepResult r = run(Map.of("data", "data/hmda.csv", "reference", "data/ref.csv", "label", "deny"));
    assertThat(r.metrics()).containsKeys("drift.share", "drift.pirat.statistic", "drift.pirat.p_value",
        "drift.label.statistic");
    assertThat(r.metrics()).doesNotContainKey("drift.deny.statistic");
  }

  @Test
  void reportsConfigurationProblemsWithLocations() throws Exception {
    Files.writeString(project.resolve("checks/data.yaml"), "columns:\n  x: { rnage: [0, 1] }\n");
    Problems problems = new Problems("kiln.yaml");
    MapNode with = (MapNode) YamlReader.parse("""
        data: data/hmda.csv
        checks: checks/data.yaml
        reference: a.csv
        profile: b.json
        fail-on: fatal
        report: out.pdf
        """, problems).orElseThrow();
    step.validate(with, new StepCheck(new ConfigReader(problems), project));
    assertThat(problems.list()).extracting(Problem::toString).containsExactlyInAnyOrder(
        "kiln.yaml:1:1: give 'reference' (a data set) or 'profile' (a saved profile), not both",
        "kiln.yaml:5:10: fail-on: expected error or warning, found 'fatal'",
        "kiln.yaml:6:9: report: the report's extension says its format: .json, .xml (JUnit), .html or .txt",
        "kiln.yaml:2:9: checks: in the check suite: checks/data.yaml:2:8: columns.x.rnage: unknown check 'rnage' "
            + "(did you mean 'range'?); column checks: type, present, not-null, missing, range, in-set, regex, length, "
            + "unique, min, max, mean, median, std, quantiles, distinct, most-common-share, outliers");
  }
}
