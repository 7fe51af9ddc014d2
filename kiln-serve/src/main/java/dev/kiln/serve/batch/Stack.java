package dev.kiln.serve.batch;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.predict.Predictions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rows of several requests stacked into one matrix, and their predictions split back. */
final class Stack {
  private Stack() {}

  static FeatureMatrix rows(List<FeatureMatrix> parts) {
    int cols = parts.get(0).cols();
    int rows = parts.stream().mapToInt(FeatureMatrix::rows).sum();
    float[] values = new float[rows * cols];
    Map<Integer, String[]> text = new HashMap<>();
    parts.get(0).text().keySet().forEach(k -> text.put(k, new String[rows]));
    int at = 0;
    for (FeatureMatrix m : parts) {
      System.arraycopy(m.values(), 0, values, at * cols, m.values().length);
      for (var e : m.text().entrySet()) {
        System.arraycopy(e.getValue(), 0, text.get(e.getKey()), at, m.rows());
      }
      at += m.rows();
    }
    return new FeatureMatrix(values, rows, cols, text);
  }

  /** Rows {@code [from, from + n)} of a batch's predictions. */
  static Predictions slice(Predictions all, int from, int n) {
    if (all instanceof Predictions.Classes c) {
      return new Predictions.Classes(c.classes(), Arrays.copyOfRange(c.probabilities(), from, from + n));
    }
    return new Predictions.Scores(Arrays.copyOfRange(((Predictions.Scores) all).values(), from, from + n));
  }
}
