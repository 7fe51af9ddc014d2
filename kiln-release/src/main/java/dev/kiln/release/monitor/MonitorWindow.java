package dev.kiln.release.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway saw of one version in one environment over one closed window: traffic and
 * latency, input and prediction drift, and live accuracy over the labels that arrived for it.
 * Monitor rules are judged on these, and {@code kiln monitor report} plots them over time.
 *
 * @param features drift of every input feature, in signature order (empty when the version has no
 *     reference profile)
 * @param prediction drift of the predicted score (or value) against the reference predictions
 * @param distribution the predictions themselves on the cells {@code prediction} was tested on,
 *     beside the reference's (empty when the predictions were not tested, and for windows recorded
 *     before it was kept)
 * @param accuracy live metrics by name (accuracy, auc, log_loss, mae, ...) over {@code labels} rows
 */
public record MonitorWindow(
    String environment,
    String model,
    String version,
    Instant start,
    Instant end,
    long requests,
    long errors,
    double latencyP50Ms,
    double latencyP99Ms,
    List<FeatureDrift> features,
    Optional<FeatureDrift> prediction,
    long labels,
    Map<String, Double> accuracy,
    Optional<PredictionDistribution> distribution) {

  public MonitorWindow {
    features = List.copyOf(features);
    accuracy = Map.copyOf(accuracy);
  }

  /** A window without the predictions' distribution. */
  public MonitorWindow(String environment, String model, String version, Instant start, Instant end, long requests,
      long errors, double latencyP50Ms, double latencyP99Ms, List<FeatureDrift> features,
      Optional<FeatureDrift> prediction, long labels, Map<String, Double> accuracy) {
    this(environment, model, version, start, end, requests, errors, latencyP50Ms, latencyP99Ms, features, prediction,
        labels, accuracy, Optional.empty());
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** Share of features whose drift test says drifted; 0 when there are none. */
  public double driftedShare() {
    return features.isEmpty() ? 0 : (double) features.stream().filter(FeatureDrift::drifted).count() / features.size();
  }
}
