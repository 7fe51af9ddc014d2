package dev.kiln.model.predict;

import java.util.List;

/** A model's outputs for a batch of rows: class probabilities, or one number per row. */
public sealed interface Predictions permits Predictions.Classes, Predictions.Scores {

  int rows();

  /**
   * Probabilities per row and class; {@code probabilities[row][k]} belongs to {@code classes[k]}.
   * Each row sums to 1 (up to the model's float precision).
   */
  record Classes(List<String> classes, double[][] probabilities) implements Predictions {
    public Classes {
      classes = List.copyOf(classes);
      for (double[] row : probabilities) {
        if (row.length != classes.size()) {
          throw new IllegalArgumentException("a row has " + row.length + " probabilities for " + classes.size() + " classes");
        }
      }
    }

    @Override
    public int rows() {
      return probabilities.length;
    }

    /** Probability of class {@code k} for every row. */
    public double[] column(int k) {
      double[] out = new double[probabilities.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = probabilities[i][k];
      }
      return out;
    }

    /**
     * The class decided for a row: for a binary classifier the positive class when its
     * probability reaches {@code threshold}, else the other; otherwise the most probable class.
     * {@code kiln evaluate} and the gateway decide by this one rule.
     */
    public int decide(int row, dev.kiln.model.signature.Task.Classification task, double threshold) {
      if (!task.binary()) {
        return argmax(row);
      }
      int pos = task.positiveIndex();
      return probabilities[row][pos] >= threshold ? pos : 1 - pos;
    }

    /** Index of the most probable class of a row (the first on ties). */
    public int argmax(int row) {
      double[] p = probabilities[row];
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      return best;
    }
  }

  /** One predicted number per row. */
  record Scores(double[] values) implements Predictions {
    @Override
    public int rows() {
      return values.length;
    }
  }
}
