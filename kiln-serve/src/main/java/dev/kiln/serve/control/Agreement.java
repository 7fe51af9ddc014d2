package dev.kiln.serve.control;

import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;

/**
 * How many rows a shadow answered as the primary did: for classifiers the same decided class
 * (by label, so the two models may order their classes differently); for numbers within
 * {@value #RELATIVE} relative (and 10⁻⁹ absolute) of the primary's.
 */
public final class Agreement {
  static final double RELATIVE = 0.01;

  private Agreement() {}

  /**
   * The summed absolute difference of the two answers' scores row by row (the positive class's
   * probability, the top probability, or the number), for the mean score delta.
   */
  public static double scoreDeltas(Predictions primary, Task primaryTask, Predictions shadow, Task shadowTask) {
    double sum = 0;
    int rows = Math.min(primary.rows(), shadow.rows());
    for (int r = 0; r < rows; r++) {
      sum += Math.abs(score(primary, primaryTask, r) - score(shadow, shadowTask, r));
    }
    return sum;
  }

  private static double score(Predictions p, Task task, int row) {
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      return k.binary() ? c.probabilities()[row][k.positiveIndex()] : c.probabilities()[row][c.argmax(row)];
    }
    return p instanceof Predictions.Scores s ? s.values()[row] : Double.NaN;
  }

  /** Rows that agree; both answers are for the same rows. */
  public static int rows(Predictions primary, Task primaryTask, Predictions shadow, Task shadowTask, double threshold) {
    int agreed = 0;
    if (primary instanceof Predictions.Classes a && shadow instanceof Predictions.Classes b
        && primaryTask instanceof Task.Classification ka && shadowTask instanceof Task.Classification kb) {
      for (int r = 0; r < Math.min(a.rows(), b.rows()); r++) {
        if (ka.classes().get(a.decide(r, ka, threshold)).equals(kb.classes().get(b.decide(r, kb, threshold)))) {
          agreed++;
        }
      }
    } else if (primary instanceof Predictions.Scores a && shadow instanceof Predictions.Scores b) {
      for (int r = 0; r < Math.min(a.rows(), b.rows()); r++) {
        double x = a.values()[r];
        double y = b.values()[r];
        if (Math.abs(x - y) <= 1e-9 + RELATIVE * Math.abs(x)) {
          agreed++;
        }
      }
    }
    return agreed;
  }
}
