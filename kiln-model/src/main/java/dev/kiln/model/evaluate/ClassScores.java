package dev.kiln.model.evaluate;

import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.metrics.BinaryCurves;
import dev.kiln.model.metrics.ClassificationMetrics;
import dev.kiln.model.metrics.Curves;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A classifier's scores: decisions at the threshold (binary) or the most probable class, the
 * scikit-learn metrics of any subset of rows, and over all rows the threshold, the best-F1
 * threshold and the curves.
 */
record ClassScores(Task.Classification task, int[] truth, int[] predicted, double[][] p,
    ClassificationMetrics.Result all, Scores extra, Optional<BinaryCurves> curves,
    String[] truthText, String[] predictedText) implements Scored {

  static ClassScores of(Task.Classification c, String[] labels, Predictions.Classes p, double threshold) {
    int[] truth = classIndexes(c, labels);
    int pos = c.binary() ? c.positiveIndex() : -1;
    int[] predicted = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      predicted[i] = p.decide(i, c, threshold);
    }
    var all = ClassificationMetrics.compute(truth, predicted, p.probabilities(), c.classes().size(), pos);
    Map<String, Double> extra = new LinkedHashMap<>();
    Map<String, String> undefined = new LinkedHashMap<>();
    Optional<BinaryCurves> curves = Optional.empty();
    if (pos >= 0) {
      extra.put("threshold", threshold);
      curves = binaryCurves(truth, p.column(pos), pos, extra, undefined);
    }
    String[] predictedText = IntStream.of(predicted).mapToObj(c.classes()::get).toArray(String[]::new);
    return new ClassScores(c, truth, predicted, p.probabilities(), all, new Scores(extra, undefined), curves, labels,
        predictedText);
  }

  @Override
  public Scores score(int[] rows) {
    if (rows.length == truth.length) {
      Map<String, Double> m = new LinkedHashMap<>(all.metrics());
      m.putAll(extra.metrics());
      Map<String, String> u = new LinkedHashMap<>(all.undefined());
      u.putAll(extra.undefined());
      return new Scores(m, u);
    }
    int[] t = new int[rows.length];
    int[] y = new int[rows.length];
    double[][] q = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      t[i] = truth[rows[i]];
      y[i] = predicted[rows[i]];
      q[i] = p[rows[i]];
    }
    int pos = task.binary() ? task.positiveIndex() : -1;
    var r = ClassificationMetrics.compute(t, y, q, task.classes().size(), pos);
    return new Scores(r.metrics(), r.undefined());
  }

  @Override
  public Optional<long[][]> confusion() {
    return Optional.of(all.confusion());
  }

  private static Optional<BinaryCurves> binaryCurves(int[] truth, double[] score, int pos,
      Map<String, Double> extra, Map<String, String> undefined) {
    boolean[] positive = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      positive[i] = truth[i] == pos;
    }
    if (!Curves.bothClasses(positive)) {
      undefined.put("best_f1", "the truth holds only one class");
      undefined.put("best_f1_threshold", "the truth holds only one class");
      return Optional.empty();
    }
    Curves.Curve pr = Curves.precisionRecall(positive, score);
    int best = 0;
    double bestF1 = -1;
    for (int i = 0; i < pr.x().length; i++) {
      double f1 = pr.x()[i] + pr.y()[i] == 0 ? 0 : 2 * pr.x()[i] * pr.y()[i] / (pr.x()[i] + pr.y()[i]);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = i;
      }
    }
    extra.put("best_f1_threshold", pr.thresholds()[best]);
    extra.put("best_f1", bestF1);
    return Optional.of(new BinaryCurves(Curves.roc(positive, score), pr, Curves.calibration(positive, score, 10)));
  }

  private static int[] classIndexes(Task.Classification c, String[] labels) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int k = 0; k < c.classes().size(); k++) {
      index.put(c.classes().get(k), k);
    }
    int[] out = new int[labels.length];
    LinkedHashSet<String> unknown = new LinkedHashSet<>();
    for (int i = 0; i < labels.length; i++) {
      Integer k = index.get(labels[i]);
      if (k == null) {
        unknown.add(labels[i]);
      } else {
        out[i] = k;
      }
    }
    if (!unknown.isEmpty()) {
      throw new SignatureMismatchException("the label column holds " + unknown.stream().limit(5).toList()
          + " but the model's classes are " + c.classes());
    }
    return out;
  }
}
