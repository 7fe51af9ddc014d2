package dev.kiln.model.fairness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fairness of a binary classifier over one sensitive attribute: the per-group rates, the
 * summary metrics (names without the {@code fairness.ATTR.} prefix), and the metrics that could
 * not be computed with the reason (too few groups, an empty rate, a zero denominator).
 */
public record FairnessReport(String attribute, Optional<String> privileged, List<GroupRates> groups,
    Map<String, Double> metrics, Map<String, String> undefined) {

  public FairnessReport {
    groups = List.copyOf(groups);
    metrics = Map.copyOf(metrics);
    undefined = Map.copyOf(undefined);
  }
}
