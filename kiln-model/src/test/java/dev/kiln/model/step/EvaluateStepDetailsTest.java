package dev.kiln.model.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.step.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate step tells a gate why a metric is missing: a real model trained on the HMDA data
 * (the credit-risk example's), evaluated on the applications without any denial of an African
 * American applicant, so group {@code afam=yes} has no positive labels.
 */
class EvaluateStepDetailsTest {
  private static final Path HMDA = Path.of("../examples/credit-risk/data/hmda.csv").toAbsolutePath().normalize();

  @TempDir
  static Path dir;

  private static StepResult result;

  @BeforeAll
  static void trainAndEvaluate() throws Exception {
    Files.copy(HMDA, dir.resolve("train.csv"));
    List<String> lines = Files.readAllLines(HMDA);
    List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
    int deny = header.indexOf("deny");
    int afam = header.indexOf("afam");
    Files.write(dir.resolve("test.csv"), lines.stream().filter(l -> {
      String[] cells = l.replace("\"", "").split(",", -1);
      return !(cells[afam].equals("yes") && cells[deny].equals("yes"));
    }).toList());
    Map<String, Object> train = Map.of("data", "train.csv", "label", "deny", "seed", 7, "params", Map.of("trees", 60));
    assertThat(new TrainStep().run(new ModelStepsTest.Context(dir, train, Map.of(), dir.resolve("r1"))).passed())
        .isTrue();
    Map<String, Object> evaluate = Map.of("model", "model", "data", "test.csv", "label", "deny", "positive", "yes",
        "sensitive", List.of("afam"), "privileged", Map.of("afam", "no"), "latency", false);
    result = new EvaluateStep().run(new ModelStepsTest.Context(dir, evaluate, Map.of(), dir.resolve("r2")));
  }

  @Test
  void everyUndefinedMetricIsADetailLineWithItsGateNameAndTheReason() {
    assertThat(result.passed()).isTrue();
    String tpr = "TPR is defined for only one group: group 'yes' has no positive labels";
    // the example in docs/models.md, "What the evaluate step records"
    assertThat(result.details()).containsExactly(
        "undefined: fairness.afam.average_odds_difference: the unprivileged rows have no TPR: "
            + "group 'yes' has no positive labels",
        "undefined: fairness.afam.equal_opportunity_difference: " + tpr,
        "undefined: fairness.afam.equal_opportunity_ratio: " + tpr,
        "undefined: fairness.afam.equalized_odds_difference: " + tpr,
        "undefined: fairness.afam.equalized_odds_ratio: " + tpr,
        "undefined: fairness.afam.group.yes.tpr: group 'yes' has no positive labels");
  }

  @Test
  void theDetailsNameExactlyTheMetricsTheStepCouldNotRecord() {
    Set<String> undefined = result.details().stream().filter(d -> d.startsWith("undefined: "))
        .map(d -> d.substring("undefined: ".length(), d.indexOf(": ", "undefined: ".length())))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(undefined).containsExactly("fairness.afam.average_odds_difference",
        "fairness.afam.equal_opportunity_difference", "fairness.afam.equal_opportunity_ratio",
        "fairness.afam.equalized_odds_difference", "fairness.afam.equalized_odds_ratio",
        "fairness.afam.group.yes.tpr");
    assertThat(result.metrics()).doesNotContainKeys(undefined.toArray(String[]::new))
        .containsKeys("fairness.afam.demographic_parity_ratio", "fairness.afam.disparate_impact",
            "fairness.afam.group.yes.fpr");
  }
}
