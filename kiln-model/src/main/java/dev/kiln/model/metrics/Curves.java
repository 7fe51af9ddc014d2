package dev.kiln.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ranking metrics of one score against a binary truth, as scikit-learn defines them: the ROC
 * curve and its area (trapezoids over distinct thresholds, so tied scores count half), the
 * precision-recall curve and average precision ({@code Σ (Rₙ − Rₙ₋₁) Pₙ}, no interpolation),
 * and the uniform-bin calibration curve.
 */
public final class Curves {
  private Curves() {}

  /** A curve as parallel arrays of x, y and the score threshold at each point. */
  public record Curve(double[] x, double[] y, double[] thresholds) {}

  /** Cumulative true and false positives at each distinct score, highest score first. */
  private record Counts(double[] tps, double[] fps, double[] thresholds) {}

  private static Counts counts(boolean[] positive, double[] score) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    List<double[]> points = new ArrayList<>();
    double tp = 0;
    double fp = 0;
    for (int i = 0; i < order.length; i++) {
      int row = order[i];
      if (positive[row]) {
        tp++;
      } else {
        fp++;
      }
      if (i == order.length - 1 || score[order[i + 1]] != score[row]) {
        points.add(new double[] {tp, fp, score[row]});
      }
    }
    double[] tps = new double[points.size()];
    double[] fps = new double[points.size()];
    double[] th = new double[points.size()];
    for (int i = 0; i < tps.length; i++) {
      tps[i] = points.get(i)[0];
      fps[i] = points.get(i)[1];
      th[i] = points.get(i)[2];
    }
    return new Counts(tps, fps, th);
  }

  /** True when the truth holds both classes, so ROC AUC and average precision are defined. */
  public static boolean bothClasses(boolean[] positive) {
    boolean pos = false;
    boolean neg = false;
    for (boolean p : positive) {
      pos |= p;
      neg |= !p;
    }
    return pos && neg;
  }

  /** ROC curve from (0, 0): false positive rate, true positive rate, threshold. */
  public static Curve roc(boolean[] positive, double[] score) {
    Counts c = counts(positive, score);
    int n = c.tps.length;
    double p = c.tps[n - 1];
    double q = c.fps[n - 1];
    double[] fpr = new double[n + 1];
    double[] tpr = new double[n + 1];
    double[] th = new double[n + 1];
    th[0] = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      fpr[i + 1] = c.fps[i] / q;
      tpr[i + 1] = c.tps[i] / p;
      th[i + 1] = c.thresholds[i];
    }
    return new Curve(fpr, tpr, th);
  }

  /** Area under the ROC curve; requires both classes. */
  public static double rocAuc(boolean[] positive, double[] score) {
    Curve r = roc(positive, score);
    double area = 0;
    for (int i = 1; i < r.x().length; i++) {
      area += (r.x()[i] - r.x()[i - 1]) * (r.y()[i] + r.y()[i - 1]) / 2;
    }
    return area;
  }

  /** Precision-recall points, highest threshold first: recall, precision, threshold. */
  public static Curve precisionRecall(boolean[] positive, double[] score) {
    Counts c = counts(positive, score);
    int n = c.tps.length;
    double p = c.tps[n - 1];
    double[] recall = new double[n];
    double[] precision = new double[n];
    for (int i = 0; i < n; i++) {
      recall[i] = c.tps[i] / p;
      precision[i] = c.tps[i] / (c.tps[i] + c.fps[i]);
    }
    return new Curve(recall, precision, c.thresholds.clone());
  }

  /** Average precision, as {@code sklearn.metrics.average_precision_score}; requires a positive. */
  public static double averagePrecision(boolean[] positive, double[] score) {
    Curve pr = precisionRecall(positive, score);
    double ap = 0;
    double previous = 0;
    for (int i = 0; i < pr.x().length; i++) {
      ap += (pr.x()[i] - previous) * pr.y()[i];
      previous = pr.x()[i];
    }
    return ap;
  }

  /**
   * Calibration curve with {@code bins} equal-width bins over [0, 1], as
   * {@code sklearn.calibration.calibration_curve(strategy="uniform")}: a score on an inner edge
   * falls in the lower bin; empty bins are left out. x = mean predicted, y = fraction positive.
   */
  public static Curve calibration(boolean[] positive, double[] score, int bins) {
    double[] sum = new double[bins];
    double[] pos = new double[bins];
    double[] total = new double[bins];
    for (int i = 0; i < score.length; i++) {
      int b = bin(score[i], bins);
      sum[b] += score[i];
      pos[b] += positive[i] ? 1 : 0;
      total[b]++;
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (total[b] > 0) {
        points.add(new double[] {sum[b] / total[b], pos[b] / total[b], total[b]});
      }
    }
    return new Curve(column(points, 0), column(points, 1), column(points, 2));
  }

  private static int bin(double p, int bins) {
    int b = 0;
    for (int k = 1; k < bins; k++) {
      double edge = k * (1.0 / bins); // as numpy.linspace computes its edges
      if (p > edge) {
        b = k;
      }
    }
    return b;
  }

  private static double[] column(List<double[]> rows, int k) {
    return rows.stream().mapToDouble(r -> r[k]).toArray();
  }
}
