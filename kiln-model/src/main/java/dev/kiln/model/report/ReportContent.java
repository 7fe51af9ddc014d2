package dev.kiln.model.report;

import dev.kiln.model.fairness.FairnessReport;
import dev.kiln.model.features.EncodingNotes;
import dev.kiln.model.latency.LatencyResult;
import dev.kiln.model.metrics.BinaryCurves;
import dev.kiln.model.signature.Task;
import dev.kiln.model.slice.SliceCount;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the HTML report shows of one evaluation: which model on which data, the flat metrics
 * (names as gates use them), rows left out for lack of a label, the confusion matrix and curves
 * of a classifier, slice sizes, fairness per attribute, latency, and the metrics that were
 * undefined (with reasons) or computed with a note, and what the encoding met; maps iterate in
 * key order. The report knows nothing of how these were computed.
 */
public record ReportContent(String model, String data, Task task, String label, Map<String, Double> metrics,
    int unlabeledRows, Optional<long[][]> confusion, Optional<BinaryCurves> curves, List<SliceCount> slices,
    List<FairnessReport> fairness, Optional<LatencyResult> latency, Map<String, String> undefined,
    Map<String, String> notes, EncodingNotes encoding) {

  public ReportContent {
    metrics = sorted(metrics);
    slices = List.copyOf(slices);
    fairness = List.copyOf(fairness);
    undefined = sorted(undefined);
    notes = sorted(notes);
  }

  /** An unmodifiable copy in key order, so the report lists everything in a stable order. */
  private static <V> Map<String, V> sorted(Map<String, V> m) {
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }
}
