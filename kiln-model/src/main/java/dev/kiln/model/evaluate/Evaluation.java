package dev.kiln.model.evaluate;

import dev.kiln.model.fairness.FairnessReport;
import dev.kiln.model.features.EncodingNotes;
import dev.kiln.model.latency.LatencyResult;
import dev.kiln.model.metrics.BinaryCurves;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.model.slice.SliceCount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of evaluating a model on labelled data: flat metrics (the names gates use, sorted),
 * and what the report shows — confusion matrix, curves, per-slice counts, per-group fairness
 * rates, what encoding met, the metrics that were undefined and why (under the names gates use),
 * notes on metrics computed with a caveat, and the predictions.
 */
public record Evaluation(
    Task task,
    String label,
    Map<String, Double> metrics,
    int unlabeledRows,
    Optional<long[][]> confusion,
    Optional<BinaryCurves> curves,
    List<SliceCount> slices,
    List<FairnessReport> fairness,
    EncodingNotes encoding,
    Map<String, String> undefined,
    Map<String, String> notes,
    Optional<LatencyResult> latency,
    String[] truth,
    Predictions predictions,
    String[] predictedLabels) {

  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'");
    }
    return v;
  }
}
