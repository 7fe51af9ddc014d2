package dev.kiln.serve.feedback;

import dev.kiln.model.metrics.ClassificationMetrics;
import dev.kiln.model.metrics.RegressionMetrics;
import dev.kiln.model.signature.Task;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of labelled predictions, computed by kiln-model's metric code — the code
 * {@code kiln evaluate} reports with — so live figures equal offline ones on the same rows: for a
 * classifier every metric that needs only the label, the decided class and the probabilities
 * (accuracy, AUC, log loss, precision, recall, F1, Brier, ...), for a regressor MAE, RMSE, R² and
 * the rest. Metrics undefined on these rows (AUC when one class is absent) are named with why.
 */
public record LiveMetrics(Map<String, Double> metrics, Map<String, String> undefined) {

  public LiveMetrics {
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    undefined = Collections.unmodifiableMap(new TreeMap<>(undefined));
  }

  static LiveMetrics of(Task task, List<Outcome> rows) {
    if (task instanceof Task.Classification c) {
      int n = rows.size();
      int[] truth = new int[n];
      int[] predicted = new int[n];
      double[][] p = new double[n][];
      for (int i = 0; i < n; i++) {
        Outcome o = rows.get(i);
        truth[i] = o.truth();
        predicted[i] = o.prediction().predicted;
        p[i] = o.prediction().probabilities;
      }
      var r = ClassificationMetrics.compute(truth, predicted, p, c.classes().size(), c.binary() ? c.positiveIndex() : -1);
      return new LiveMetrics(r.metrics(), r.undefined());
    }
    double[] y = new double[rows.size()];
    double[] yhat = new double[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = rows.get(i).y();
      yhat[i] = rows.get(i).prediction().value;
    }
    return new LiveMetrics(RegressionMetrics.compute(y, yhat),
        y.length == 0 ? Map.of("*", "no rows") : Map.of());
  }
}
