package dev.kiln.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.Fixtures;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.latency.LatencyProbe;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  private static final Columns TEST = Fixtures.read(Fixtures.file("xgb_test.csv"));

  private static Columns withGroup() {
    String[] g = new String[TEST.rows()];
    for (int i = 0; i < g.length; i++) {
      g[i] = i % 3 == 0 ? "yes" : "no";
    }
    Map<String, double[]> n = new java.util.LinkedHashMap<>();
    for (String c : List.of("age", "income", "debt_ratio", "accounts", "label")) {
      n.put(c, TEST.numbers(c).orElseThrow());
    }
    return Columns.of(n, Map.of("afam", g));
  }

  private static EvaluationOptions options() {
    return new EvaluationOptions(Optional.of("label"), Optional.empty(), 0.5, List.of("afam", "accounts"),
        List.of("afam"), Map.of("afam", "no"), 5, Optional.of(new LatencyProbe(10, 50, 10)));
  }

  @Test
  void evaluationGivesOverallSliceFairnessAndLatencyMetricsUnderFlatNames() {
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      Evaluation e = Evaluator.evaluate(p, withGroup(), options());
      assertThat(e.metrics()).containsKeys("auc", "f1", "log_loss", "brier", "threshold", "best_f1_threshold",
          "slice.afam=yes.auc", "slice.afam=yes.count", "fairness.afam.demographic_parity_ratio",
          "fairness.afam.disparate_impact", "fairness.afam.group.yes.selection_rate", "latency.p99_ms",
          "latency.batch_rows_per_s");
      assertThat(e.metric("count")).isEqualTo(60.0);
      assertThat(e.slices().stream().filter(s -> s.column().equals("accounts")).mapToInt(dev.kiln.model.slice.SliceCount::rows).sum())
          .isEqualTo(60);
      assertThat(e.metric("slice.afam=yes.count") + e.metric("slice.afam=no.count")).isEqualTo(60.0);
      assertThat(e.encoding().missing()).containsEntry("income", 3).containsEntry("age", 1);
    }
  }

  @Test
  void aMissingLabelColumnIsAnErrorNamingTheColumns() {
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      assertThatThrownBy(() -> Evaluator.evaluate(p, TEST, EvaluationOptions.defaults().withLabel("churn")))
          .isInstanceOf(SignatureMismatchException.class).hasMessageContaining("no label column 'churn'");
    }
  }

  @Test
  void labelValuesTheModelDoesNotKnowAreAnError() {
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      assertThatThrownBy(() -> Evaluator.evaluate(p, TEST, EvaluationOptions.defaults().withLabel("age")))
          .hasMessageContaining("but the model's classes are [0, 1]");
    }
  }

  @Test
  void fairnessOnARegressorIsRefusedWithAReason() {
    try (Predictor p = Models.load("xgb_regression.json", Fixtures.DIR)) {
      var o = new EvaluationOptions(Optional.of("amount"), Optional.empty(), 0.5, List.of(), List.of("afam"), Map.of(),
          5, Optional.empty());
      assertThatThrownBy(() -> Evaluator.evaluate(p, withGroupAndAmount(), o)).hasMessageContaining("binary classifier");
    }
  }

  @Test
  void metricsJsonIsFlatAndSortedAndPredictionsHaveOneRowPerLabelledRow(@TempDir Path dir) throws Exception {
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      Evaluation e = Evaluator.evaluate(p, withGroup(), options());
      EvaluationFiles.writeMetrics(e, dir.resolve("metrics.json"));
      EvaluationFiles.writePredictions(e, dir.resolve("pred.csv"));
      String json = Files.readString(dir.resolve("metrics.json"));
      assertThat(json).contains("\"auc\" : ").contains("\"slice.afam=yes.auc\"");
      assertThat(json.indexOf("\"accuracy\"")).isLessThan(json.indexOf("\"auc\""));
      List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
      assertThat(lines).hasSize(61);
      assertThat(lines.get(0)).isEqualTo("row,label,predicted,p_0,p_1");
    }
  }

  /** The test data with {@code afam}: "yes" on exactly the rows labelled 0, so group "yes" has no positive labels. */
  private static Columns withGroupWithoutPositives() {
    double[] label = TEST.numbers("label").orElseThrow();
    String[] g = new String[TEST.rows()];
    for (int i = 0; i < g.length; i++) {
      g[i] = label[i] == 0 ? "yes" : "no";
    }
    Map<String, double[]> n = new java.util.LinkedHashMap<>();
    for (String c : List.of("age", "income", "debt_ratio", "accounts", "label")) {
      n.put(c, TEST.numbers(c).orElseThrow());
    }
    return Columns.of(n, Map.of("afam", g));
  }

  @Test
  void undefinedFairnessMetricsAreNamedAsGatesNameThemInJsonAndInTheReport(@TempDir Path dir) throws Exception {
    var o = new EvaluationOptions(Optional.of("label"), Optional.empty(), 0.5, List.of(), List.of("afam"),
        Map.of("afam", "no"), 5, Optional.empty());
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      Evaluation e = Evaluator.evaluate(p, withGroupWithoutPositives(), o);
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (String m : concat(dev.kiln.model.fairness.Fairness.SUMMARY, List.of("disparate_impact",
          "statistical_parity_difference", "average_odds_difference", "group.no.count", "group.no.selection_rate",
          "group.no.tpr", "group.no.fpr", "group.yes.count", "group.yes.selection_rate", "group.yes.tpr",
          "group.yes.fpr"))) {
        names.add("fairness.afam." + m);
      }
      EvaluationFiles.writeMetrics(e, dir.resolve("metrics.json"));
      var written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
      java.util.Set<String> named = new java.util.TreeSet<>(e.undefined().keySet());
      written.fieldNames().forEachRemaining(k -> {
        if (k.startsWith("fairness.")) {
          named.add(k);
        }
      });
      assertThat(named).isEqualTo(names);
      assertThat(e.undefined()).containsKey("fairness.afam.equal_opportunity_ratio")
          .hasEntrySatisfying("fairness.afam.equal_opportunity_ratio",
              why -> assertThat(why).contains("group 'yes' has no positive labels"));
      String json = EvaluationFiles.json(EvaluationFiles.summary(e));
      assertThat(json).contains("\"fairness.afam.equal_opportunity_ratio\" : \"TPR is defined for only one group")
          .doesNotContain("tpr_ratio").doesNotContain("tpr_difference").doesNotContain("skipped_groups");
      String html = dev.kiln.model.report.HtmlReport.render(EvaluationJob.report(e, "m", "d"));
      assertThat(html).contains("<b>fairness.afam.equal_opportunity_ratio</b> not computed: TPR is defined for only "
          + "one group: group 'yes' has no positive labels").doesNotContain("tpr_ratio");
    }
  }

  @Test
  void aMetricUndefinedInASliceIsNamedWithTheSliceAndTheReason() {
    var o = new EvaluationOptions(Optional.of("label"), Optional.empty(), 0.5, List.of("afam"), List.of(), Map.of(), 5,
        Optional.empty());
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      Evaluation e = Evaluator.evaluate(p, withGroupWithoutPositives(), o);
      assertThat(e.metrics()).containsKeys("slice.afam=yes.accuracy", "slice.afam=no.accuracy")
          .doesNotContainKey("slice.afam=yes.auc");
      assertThat(e.undefined()).containsEntry("slice.afam=yes.auc", "the truth holds only one class in this slice")
          .containsKey("slice.afam=yes.average_precision").doesNotContainKey("auc");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Columns withGroupAndAmount() {
    Map<String, double[]> n = new java.util.LinkedHashMap<>();
    for (String c : List.of("age", "income", "debt_ratio", "accounts", "amount")) {
      n.put(c, TEST.numbers(c).orElseThrow());
    }
    return Columns.of(n, Map.of("afam", withGroup().strings("afam")));
  }
}
