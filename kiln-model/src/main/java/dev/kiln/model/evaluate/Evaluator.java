package dev.kiln.model.evaluate;

import dev.kiln.model.fairness.Fairness;
import dev.kiln.model.fairness.FairnessReport;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.EncodingNotes;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.latency.LatencyResult;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.Task;
import dev.kiln.model.slice.Slice;
import dev.kiln.model.slice.SliceCount;
import dev.kiln.model.slice.Slicer;
import java.util.ArrayList;
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
        ? ClassScores.of(c, rows.strings(label), (Predictions.Classes) predictions, o.threshold())
        : RegressionScores.of(label, rows, (Predictions.Scores) predictions);
    return assemble(model, task, label, rows, data.rows() - labeled.length, scored, predictions, notes, o);
  }

  private static Evaluation assemble(Predictor model, Task task, String label, Columns rows, int unlabeled, Scored s,
      Predictions predictions, EncodingNotes encoding, EvaluationOptions o) {
    Scored.Scores overall = s.score(IntStream.range(0, rows.rows()).toArray());
    Map<String, Double> metrics = new TreeMap<>(overall.metrics());
    Map<String, String> undefined = new TreeMap<>(overall.undefined());
    Map<String, String> notes = new TreeMap<>();
    List<SliceCount> counts = new ArrayList<>();
    for (String col : o.slices()) {
      for (Slice slice : Slicer.slices(rows, col)) {
        counts.add(new SliceCount(col, slice.value(), slice.rows().length));
        Scored.Scores scores = s.score(slice.rows());
        scores.metrics().forEach((k, v) -> metrics.put("slice." + slice.name() + "." + k, v));
        scores.undefined().forEach((k, v) -> undefined.put("slice." + slice.name() + "." + k, v + " in this slice"));
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
    return new Evaluation(task, label, metrics, unlabeled, s.confusion(), s.curves(), counts, fairness, encoding,
        undefined, notes, latency, s.truthText(), predictions, s.predictedText());
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
}
