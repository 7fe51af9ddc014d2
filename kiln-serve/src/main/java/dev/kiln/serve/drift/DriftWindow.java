package dev.kiln.serve.drift;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.PredictionDistribution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One closed window of a served version's traffic, tested against its reference profile: every
 * input feature the profile describes, in signature order, and the predictions against the
 * label's reference distribution, with the counts of what was predicted beside the reference's
 * ({@code distribution}, present with {@code prediction}). What {@link LiveDrift} hands its listeners.
 */
public record DriftWindow(String model, int version, Instant start, Instant end, long rows,
    List<FeatureDrift> features, Optional<FeatureDrift> prediction, Optional<PredictionDistribution> distribution) {

  public DriftWindow {
    features = List.copyOf(features);
  }

  /** A window without the predictions' distribution. */
  public DriftWindow(String model, int version, Instant start, Instant end, long rows, List<FeatureDrift> features,
      Optional<FeatureDrift> prediction) {
    this(model, version, start, end, rows, features, prediction, Optional.empty());
  }

  /** Features whose test says drifted. */
  public List<String> drifted() {
    return features.stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature).toList();
  }
}
