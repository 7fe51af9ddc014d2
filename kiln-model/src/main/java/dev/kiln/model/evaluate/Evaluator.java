package dev.kiln.model.evaluate;

import dev.kiln.model.fairness.Fairness;
import dev.kiln.model.fairness.FairnessReport;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.EncodingNotes;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.latency.LatencyResult;
import dev.kiln.model.metrics.ClassificationMetrics;
import dev.kiln.model.metrics.Curves;
import dev.kiln.model.metrics.RegressionMetrics;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.Task;
import dev.kiln.model.slice.Slice;
import dev.kiln.model.slice.Slicer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Evaluates a model on labelled data the way a reviewer would: overall metrics, every metric
 * per slice ({@code slice.COL=VALUE.METRIC}), fairness per sensitive attribute
 * ({@code fairness.ATTR.METRIC}) and latency ({@code latency.p99_ms}). Rows without a label
 * are left out and counted; a label value the model does not know is an error.
 */
public final class Evaluator {
  private Evaluator() {}

  public static Evaluation evaluate(Predictor model, Columns data, EvaluationOptions o) {
    Task task = model.signature().task();
    if (task instanceof Task.Classification c && o.positive().isPresent()) {
      task = c.withPositive(o.positive().get());
    }
    String label = o.label().or(() -> Optional.ofNullable(model.signature().label())).orElseThrow(() ->
        new IllegalArgumentException("name the label column (--label COL): the model does not record it"));
    if (!data.has(label)) {
      throw new SignatureMismatchException("the data has no label column '" + label + "' (columns: "
          + String.join(", ", data.names()) + ")");
    }
    int[] labeled = labeledRows(data.strings(label));
    Columns rows = labeled.length == data.rows() ? data : data.select(labeled);
    for (String col : concat(o.slices(), o.sensitive())) {
      if (!rows.has(col)) {
        throw new SignatureMismatchException("the data has no column '" + col + "' to slice or group by");
      }
    }
    EncodingNotes notes = new EncodingNotes();
    Predictions predictions = model.predict(rows, notes);
    Scored scored = task instanceof Task.Classification c
        ? classification(c, rows.strings(label), (Predictions.Classes) predictions, o.threshold())
        : regression(label, rows, (Predictions.Scores) predictions);
    return assemble(model, task, label, rows, data.rows() - labeled.length, scored, predictions, notes, o);
  }

  private static Evaluation assemble(Predictor model, Task task, String label, Columns rows, int unlabeled, Scored s,
      Predictions predictions, EncodingNotes encoding, EvaluationOptions o) {
    Map<String, Double> metrics = new TreeMap<>(s.overall(IntStream.range(0, rows.rows()).toArray()));
    Map<String, String> undefined = new TreeMap<>(s.undefined());
    Map<String, String> notes = new TreeMap<>();
    List<Evaluation.SliceCount> counts = new ArrayList<>();
    for (String col : o.slices()) {
      for (Slice slice : Slicer.slices(rows, col)) {
        counts.add(new Evaluation.SliceCount(col, slice.value(), slice.rows().length));
        s.overall(slice.rows()).forEach((k, v) -> metrics.put("slice." + slice.name() + "." + k, v));
      }
    }
    List<FairnessReport> fairness = new ArrayList<>();
    for (String attr : o.sensitive()) {
      FairnessReport f = fairness(task, attr, rows.strings(attr), s, o);
      fairness.add(f);
      flatten(f, metrics, undefined, notes);
    }
    Optional<LatencyResult> latency = o.latency().map(probe -> probe.measure(model, rows));
    latency.ifPresent(l -> metrics.putAll(l.metrics()));
    return new Evaluation(task, label, metrics, unlabeled, s.confusion(), s.curves(), counts, fairness, encoding, undefined,
        notes, latency, s.truthText(), predictions, s.predictedText());
  }

  private static FairnessReport fairness(Task task, String attr, String[] groups, Scored s, EvaluationOptions o) {
    if (!(task instanceof Task.Classification c) || !c.binary()) {
      throw new IllegalArgumentException("fairness metrics need a binary classifier; this model is a "
          + (task instanceof Task.Classification ? "multiclass classifier" : "regressor"));
    }
    boolean[] positive = new boolean[groups.length];
    boolean[] selected = new boolean[groups.length];
    for (int i = 0; i < groups.length; i++) {
      positive[i] = s.truth()[i] == c.positiveIndex();
      selected[i] = s.predicted()[i] == c.positiveIndex();
    }
    return Fairness.assess(attr, groups, positive, selected, o.minGroupSize(),
        Optional.ofNullable(o.privileged().get(attr)));
  }

  private static void flatten(FairnessReport f, Map<String, Double> metrics, Map<String, String> undefined,
      Map<String, String> notes) {
    String prefix = "fairness." + f.attribute() + ".";
    f.metrics().forEach((k, v) -> metrics.put(prefix + k, v));
    f.undefined().forEach((k, v) -> undefined.put(prefix + k, v));
    f.notes().forEach((k, v) -> notes.put(prefix + k, v));
  }

  private static int[] labeledRows(String[] labels) {
    return IntStream.range(0, labels.length).filter(i -> labels[i] != null && !labels[i].isBlank()).toArray();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  // ------------------------------------------------------------------ scoring

  /** Truth and predictions, able to score any subset of rows. */
  private interface Scored {
    Map<String, Double> overall(int[] rows);

    Map<String, String> undefined();

    Optional<long[][]> confusion();

    Optional<Evaluation.BinaryCurves> curves();

    int[] truth();

    int[] predicted();

    String[] truthText();

    String[] predictedText();
  }

  private static Scored classification(Task.Classification c, String[] labels, Predictions.Classes p, double threshold) {
    int[] truth = classIndexes(c, labels);
    int pos = c.binary() ? c.positiveIndex() : -1;
    int[] predicted = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      predicted[i] = pos >= 0 ? (p.probabilities()[i][pos] >= threshold ? pos : 1 - pos) : p.argmax(i);
    }
    var all = ClassificationMetrics.compute(truth, predicted, p.probabilities(), c.classes().size(), pos);
    Map<String, Double> extra = new LinkedHashMap<>();
    Optional<Evaluation.BinaryCurves> curves = Optional.empty();
    if (pos >= 0) {
      extra.put("threshold", threshold);
      curves = binaryCurves(truth, p.column(pos), pos, extra);
    }
    String[] predictedText = IntStream.of(predicted).mapToObj(c.classes()::get).toArray(String[]::new);
    return new ClassScores(c, truth, predicted, p.probabilities(), all, extra, curves, labels, predictedText);
  }

  private static Optional<Evaluation.BinaryCurves> binaryCurves(int[] truth, double[] score, int pos,
      Map<String, Double> extra) {
    boolean[] positive = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      positive[i] = truth[i] == pos;
    }
    if (!Curves.bothClasses(positive)) {
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
    return Optional.of(new Evaluation.BinaryCurves(Curves.roc(positive, score), pr, Curves.calibration(positive, score, 10)));
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

  private record ClassScores(Task.Classification task, int[] truth, int[] predicted, double[][] p,
      ClassificationMetrics.Result all, Map<String, Double> extra, Optional<Evaluation.BinaryCurves> curves,
      String[] truthText, String[] predictedText) implements Scored {

    @Override
    public Map<String, Double> overall(int[] rows) {
      if (rows.length == truth.length) {
        Map<String, Double> m = new LinkedHashMap<>(all.metrics());
        m.putAll(extra);
        return m;
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
      return ClassificationMetrics.compute(t, y, q, task.classes().size(), pos).metrics();
    }

    @Override
    public Map<String, String> undefined() {
      return all.undefined();
    }

    @Override
    public Optional<long[][]> confusion() {
      return Optional.of(all.confusion());
    }
  }

  private static Scored regression(String label, Columns rows, Predictions.Scores p) {
    double[] y = rows.numbers(label).orElseGet(() -> parse(label, rows.strings(label)));
    String[] predictedText = new String[y.length];
    for (int i = 0; i < y.length; i++) {
      predictedText[i] = Double.toString(p.values()[i]);
    }
    return new RegressionScores(y, p.values(), rows.strings(label), predictedText);
  }

  private static double[] parse(String label, String[] text) {
    double[] out = new double[text.length];
    for (int i = 0; i < text.length; i++) {
      try {
        out[i] = Double.parseDouble(text[i].trim());
      } catch (NumberFormatException e) {
        throw new SignatureMismatchException("the model is a regressor but label column '" + label + "' holds '"
            + text[i] + "'");
      }
    }
    return out;
  }

  private record RegressionScores(double[] y, double[] yhat, String[] truthText, String[] predictedText)
      implements Scored {
    @Override
    public Map<String, Double> overall(int[] rows) {
      double[] a = new double[rows.length];
      double[] b = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        a[i] = y[rows[i]];
        b[i] = yhat[rows[i]];
      }
      return RegressionMetrics.compute(a, b);
    }

    @Override
    public Map<String, String> undefined() {
      return Map.of();
    }

    @Override
    public Optional<long[][]> confusion() {
      return Optional.empty();
    }

    @Override
    public Optional<Evaluation.BinaryCurves> curves() {
      return Optional.empty();
    }

    @Override
    public int[] truth() {
      return new int[0];
    }

    @Override
    public int[] predicted() {
      return new int[0];
    }
  }
}
