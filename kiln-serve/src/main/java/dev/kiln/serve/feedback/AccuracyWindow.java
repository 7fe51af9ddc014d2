package dev.kiln.serve.feedback;

import java.time.Instant;
import java.util.Map;

/**
 * The live accuracy of one model version over one closed window of label-arrival time: how many
 * labels arrived in {@code [start, end)} and the metrics over them (kiln-model's, by the names
 * {@code kiln evaluate} reports: accuracy, auc, log_loss, ... or mae, rmse, ...). Metrics undefined
 * on the window's rows are left out. Monitor rules judge these; a window without labels is not emitted.
 */
public record AccuracyWindow(String model, int version, Instant start, Instant end, long labels,
    Map<String, Double> metrics) {
  public AccuracyWindow {
    metrics = Map.copyOf(metrics);
  }
}
