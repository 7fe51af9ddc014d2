package dev.kiln.model.step;

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
import dev.kiln.model.train.TrainingTest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStepsTest {

  record Context(Path projectDir, Map<String, Object> with, Map<String, Object> params, Path reportDir)
      implements StepContext {
    @Override
    public long runId() {
      return 1;
    }

    @Override
    public String stageName() {
      return "stage";
    }

    @Override
    public PrintStream log() {
      return new PrintStream(PrintStream.nullOutputStream());
    }

    @Override
    public boolean cancelled() {
      return false;
    }

    @Override
    public dev.kiln.core.pipeline.Pipeline pipeline() {
      return new dev.kiln.core.pipeline.Pipeline(projectDir, "test", Optional.empty(),
          dev.kiln.core.pipeline.Params.EMPTY, Map.of());
    }

    @Override
    public List<String> upstreamStages() {
      return List.of();
    }

    @Override
    public Map<String, Double> upstreamMetrics(String stage) {
      return Map.of();
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
      return Optional.empty();
    }
  }

  @Test
  void bothStepsAreFoundByTheServiceLoader() {
    assertThat(StepRegistry.load().names()).contains("train", "evaluate");
  }

  @Test
  void trainThenEvaluateStepsRecordMetricsForGates(@TempDir Path dir) throws Exception {
    Files.move(TrainingTest.data(dir), dir.resolve("train.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    TrainStep train = new TrainStep();
    Map<String, Object> with = Map.of("data", "train.csv", "label", "churn", "params", Map.of("trees", 40));
    assertThat(train.paths(with).outs()).containsExactly("model");
    StepResult t = train.run(new Context(dir, with, Map.of("train.max_depth", 3), dir.resolve("r1")));
    assertThat(t.passed()).isTrue();
    assertThat(t.metrics()).containsKey("validation.auc");
    assertThat(Files.readString(dir.resolve("model/model.yaml"))).contains("max_depth: 3").contains("trees: 40");
    Map<String, Object> ew = Map.of("model", "model", "data", "train.csv", "slices", List.of("plan"),
        "sensitive", List.of("region"), "latency", false);
    StepResult e = new EvaluateStep().run(new Context(dir, ew, Map.of(), dir.resolve("r2")));
    assertThat(e.metrics()).containsKeys("auc", "slice.plan=pro.auc", "fairness.region.demographic_parity_ratio");
    assertThat(dir.resolve("r2/metrics.json")).exists();
    assertThat(dir.resolve("r2/report.html")).exists();
  }

  @Test
  void configurationProblemsAreReportedWithTheirLocations() {
    Problems problems = new Problems("kiln.yaml");
    MapNode with = (MapNode) YamlReader.parse("data: d.csv\nalgorithm: gradient-bosting\nlabl: y\n", problems).orElseThrow();
    new TrainStep().validate(with, new StepCheck(new ConfigReader(problems), Path.of(".")));
    assertThat(problems.list()).extracting(Problem::toString)
        .anyMatch(p -> p.contains("kiln.yaml:2:") && p.contains("did you mean 'gradient-boosting'"))
        .anyMatch(p -> p.contains("unknown key 'labl'"))
        .anyMatch(p -> p.contains("with.label is required"));
  }
}
