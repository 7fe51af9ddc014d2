package dev.kiln.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.Fixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every metric against scikit-learn 1.2.1 on the same predictions (metrics_cases.json), to 1e-9 (relative above 1). */
class SklearnAgreementTest {
  private static final double TOLERANCE = 1e-9;

  @TestFactory
  List<DynamicTest> metricsEqualScikitLearnsOnTheSamePredictions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : Fixtures.json("metrics_cases.json")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }
    return tests;
  }

  private static void check(JsonNode c) {
    switch (c.get("kind").asText()) {
      case "binary" -> binary(c);
      case "multiclass" -> multiclass(c);
      default -> regression(c);
    }
  }

  private static void binary(JsonNode c) {
    double[] p = Fixtures.doubles(c.get("p"));
    int[] y = ints(c.get("y"));
    double threshold = c.get("threshold").asDouble();
    int[] yhat = new int[y.length];
    double[][] probs = new double[y.length][];
    boolean[] positive = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      yhat[i] = p[i] >= threshold ? 1 : 0;
      probs[i] = new double[] {1 - p[i], p[i]};
      positive[i] = y[i] == 1;
    }
    var r = ClassificationMetrics.compute(y, yhat, probs, 2, 1);
    JsonNode e = c.get("expected");
    assertMetrics(r.metrics(), e, List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1", "auc",
        "average_precision", "log_loss", "brier", "precision_macro", "recall_macro", "f1_macro", "precision_micro",
        "recall_micro", "f1_micro", "precision_weighted", "recall_weighted", "f1_weighted"));
    assertConfusion(r.confusion(), e.get("confusion_matrix"));
    var cal = Curves.calibration(positive, p, 10);
    assertArray(cal.y(), Fixtures.doubles(e.get("calibration_true")));
    assertArray(cal.x(), Fixtures.doubles(e.get("calibration_pred")));
  }

  private static void multiclass(JsonNode c) {
    int[] y = ints(c.get("y"));
    double[][] probs = new double[y.length][];
    int[] yhat = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      probs[i] = Fixtures.doubles(c.get("P").get(i));
      int best = 0;
      for (int k = 1; k < probs[i].length; k++) {
        best = probs[i][k] > probs[i][best] ? k : best;
      }
      yhat[i] = best;
    }
    var r = ClassificationMetrics.compute(y, yhat, probs, 3, -1);
    JsonNode e = c.get("expected");
    assertMetrics(r.metrics(), e, List.of("accuracy", "balanced_accuracy", "auc", "log_loss", "precision_macro",
        "recall_macro", "f1_macro", "precision_micro", "recall_micro", "f1_micro", "precision_weighted",
        "recall_weighted", "f1_weighted"));
    assertConfusion(r.confusion(), e.get("confusion_matrix"));
  }

  private static void regression(JsonNode c) {
    var m = RegressionMetrics.compute(Fixtures.doubles(c.get("y")), Fixtures.doubles(c.get("yhat")));
    assertMetrics(m, c.get("expected"), List.of("mae", "mse", "rmse", "r2", "mape", "median_absolute_error"));
  }

  private static void assertMetrics(Map<String, Double> actual, JsonNode expected, List<String> names) {
    List<String> checked = new ArrayList<>();
    for (String n : names) {
      assertThat(actual).as(n).containsKey(n);
      double e = expected.get(n).asDouble();
      // absolute 1e-9, relative beyond 1 (MAPE over a zero truth is ~1e15, where summation order shows)
      assertThat(actual.get(n)).as(n).isCloseTo(e, within(TOLERANCE * Math.max(1, Math.abs(e))));
      checked.add(n);
    }
    for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      assertThat(checked.contains(n) || n.startsWith("confusion") || n.startsWith("calibration"))
          .as("expected metric %s is checked", n).isTrue();
    }
  }

  private static void assertConfusion(long[][] actual, JsonNode expected) {
    for (int i = 0; i < actual.length; i++) {
      for (int j = 0; j < actual.length; j++) {
        assertThat(actual[i][j]).isEqualTo(expected.get(i).get(j).asLong());
      }
    }
  }

  private static void assertArray(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(TOLERANCE));
    }
  }

  private static int[] ints(JsonNode a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asInt();
    }
    return v;
  }
}
