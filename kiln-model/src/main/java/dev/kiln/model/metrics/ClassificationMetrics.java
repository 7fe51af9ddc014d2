package dev.kiln.model.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classification metrics with scikit-learn's definitions (1.2): accuracy, balanced accuracy,
 * precision, recall and F1 (binary for the positive class, and macro, micro and weighted
 * averages over the labels present in truth or prediction; 0 where a denominator is 0), ROC
 * AUC (binary; one-vs-rest macro for several classes), average precision, log loss (clipped
 * at machine epsilon), Brier score (binary), and the confusion matrix.
 *
 * <p>Truth and predictions are class indexes into the model's class list. Metrics that are
 * undefined on this data (AUC when one class is absent) are left out and named in
 * {@link Result#undefined()}, never reported as NaN.
 */
public final class ClassificationMetrics {
  private static final double EPS = Math.ulp(1.0);

  private ClassificationMetrics() {}

  /** Flat metrics, the confusion matrix (rows truth, columns prediction) and what was undefined. */
  public record Result(Map<String, Double> metrics, long[][] confusion, Map<String, String> undefined) {}

  /**
   * @param truth class index per row
   * @param predicted predicted class index per row
   * @param probabilities probability per row and class
   * @param positive index of the positive class for binary metrics (-1 for several classes)
   */
  public static Result compute(int[] truth, int[] predicted, double[][] probabilities, int classes, int positive) {
    Map<String, Double> m = new LinkedHashMap<>();
    Map<String, String> undefined = new LinkedHashMap<>();
    long[][] cm = confusion(truth, predicted, classes);
    m.put("count", (double) truth.length);
    if (truth.length == 0) {
      undefined.put("*", "no rows");
      return new Result(m, cm, undefined);
    }
    m.put("accuracy", accuracy(cm, truth.length));
    m.put("balanced_accuracy", balancedAccuracy(cm));
    averages(cm, m);
    if (positive >= 0) {
      binary(cm, positive, m);
      ranking(truth, probabilities, positive, m, undefined);
    } else {
      m.put("precision", m.get("precision_macro"));
      m.put("recall", m.get("recall_macro"));
      m.put("f1", m.get("f1_macro"));
      ovrAuc(truth, probabilities, classes, m, undefined);
    }
    m.put("log_loss", logLoss(truth, probabilities));
    return new Result(m, cm, undefined);
  }

  static long[][] confusion(int[] truth, int[] predicted, int classes) {
    long[][] cm = new long[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      cm[truth[i]][predicted[i]]++;
    }
    return cm;
  }

  private static double accuracy(long[][] cm, int n) {
    long right = 0;
    for (int k = 0; k < cm.length; k++) {
      right += cm[k][k];
    }
    return (double) right / n;
  }

  /** Mean recall over the classes present in the truth. */
  private static double balancedAccuracy(long[][] cm) {
    double sum = 0;
    int present = 0;
    for (int k = 0; k < cm.length; k++) {
      long support = rowSum(cm, k);
      if (support > 0) {
        sum += (double) cm[k][k] / support;
        present++;
      }
    }
    return sum / present;
  }

  private static void binary(long[][] cm, int pos, Map<String, Double> m) {
    long tp = cm[pos][pos];
    long predictedPos = colSum(cm, pos);
    long actualPos = rowSum(cm, pos);
    double precision = divide(tp, predictedPos);
    double recall = divide(tp, actualPos);
    m.put("precision", precision);
    m.put("recall", recall);
    m.put("f1", f1(precision, recall));
    long total = 0;
    for (long[] row : cm) {
      for (long v : row) {
        total += v;
      }
    }
    m.put("tp", (double) tp);
    m.put("fp", (double) (predictedPos - tp));
    m.put("fn", (double) (actualPos - tp));
    m.put("tn", (double) (total - predictedPos - actualPos + tp));
  }

  /** Macro, micro and weighted precision, recall and F1 over labels present in truth or prediction. */
  private static void averages(long[][] cm, Map<String, Double> m) {
    List<Integer> labels = present(cm);
    double pMacro = 0;
    double rMacro = 0;
    double fMacro = 0;
    double pWeighted = 0;
    double rWeighted = 0;
    double fWeighted = 0;
    long tpAll = 0;
    long predAll = 0;
    long trueAll = 0;
    for (int k : labels) {
      long tp = cm[k][k];
      long pred = colSum(cm, k);
      long support = rowSum(cm, k);
      double p = divide(tp, pred);
      double r = divide(tp, support);
      double f = f1(p, r);
      pMacro += p;
      rMacro += r;
      fMacro += f;
      pWeighted += p * support;
      rWeighted += r * support;
      fWeighted += f * support;
      tpAll += tp;
      predAll += pred;
      trueAll += support;
    }
    int n = labels.size();
    m.put("precision_macro", pMacro / n);
    m.put("recall_macro", rMacro / n);
    m.put("f1_macro", fMacro / n);
    double pMicro = divide(tpAll, predAll);
    double rMicro = divide(tpAll, trueAll);
    m.put("precision_micro", pMicro);
    m.put("recall_micro", rMicro);
    m.put("f1_micro", f1(pMicro, rMicro));
    m.put("precision_weighted", trueAll == 0 ? 0 : pWeighted / trueAll);
    m.put("recall_weighted", trueAll == 0 ? 0 : rWeighted / trueAll);
    m.put("f1_weighted", trueAll == 0 ? 0 : fWeighted / trueAll);
  }

  private static List<Integer> present(long[][] cm) {
    TreeSet<Integer> labels = new TreeSet<>();
    for (int k = 0; k < cm.length; k++) {
      if (rowSum(cm, k) > 0 || colSum(cm, k) > 0) {
        labels.add(k);
      }
    }
    return List.copyOf(labels);
  }

  private static void ranking(int[] truth, double[][] p, int pos, Map<String, Double> m, Map<String, String> undefined) {
    boolean[] positive = new boolean[truth.length];
    double[] score = new double[truth.length];
    double brier = 0;
    for (int i = 0; i < truth.length; i++) {
      positive[i] = truth[i] == pos;
      score[i] = p[i][pos];
      double d = (positive[i] ? 1 : 0) - score[i];
      brier += d * d;
    }
    m.put("brier", brier / truth.length);
    if (Curves.bothClasses(positive)) {
      m.put("auc", Curves.rocAuc(positive, score));
      m.put("average_precision", Curves.averagePrecision(positive, score));
    } else {
      undefined.put("auc", "the truth holds only one class");
      undefined.put("average_precision", "the truth holds only one class");
    }
  }

  /** One-vs-rest macro ROC AUC, as roc_auc_score(multi_class="ovr"); needs every class present. */
  private static void ovrAuc(int[] truth, double[][] p, int classes, Map<String, Double> m, Map<String, String> undefined) {
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      boolean[] positive = new boolean[truth.length];
      double[] score = new double[truth.length];
      for (int i = 0; i < truth.length; i++) {
        positive[i] = truth[i] == k;
        score[i] = p[i][k];
      }
      if (!Curves.bothClasses(positive)) {
        undefined.put("auc", "one-vs-rest AUC needs every class in the truth; class " + k + " is absent or alone");
        return;
      }
      sum += Curves.rocAuc(positive, score);
    }
    m.put("auc", sum / classes);
  }

  /** Log loss as sklearn.metrics.log_loss: probabilities clipped to [eps, 1 - eps], rows renormalised. */
  static double logLoss(int[] truth, double[][] p) {
    double loss = 0;
    for (int i = 0; i < truth.length; i++) {
      double sum = 0;
      for (double v : p[i]) {
        sum += clip(v);
      }
      loss -= Math.log(clip(p[i][truth[i]]) / sum);
    }
    return loss / truth.length;
  }

  private static double clip(double v) {
    return Math.max(EPS, Math.min(1 - EPS, v));
  }

  private static double f1(double precision, double recall) {
    double denom = precision + recall;
    return denom == 0 ? 0 : 2 * precision * recall / denom;
  }

  private static double divide(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  private static long rowSum(long[][] cm, int k) {
    long s = 0;
    for (long v : cm[k]) {
      s += v;
    }
    return s;
  }

  private static long colSum(long[][] cm, int k) {
    long s = 0;
    for (long[] row : cm) {
      s += row[k];
    }
    return s;
  }
}
