package dev.kiln.model.fairness;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fairness of a binary classifier over one sensitive attribute: the per-group rates, the
 * metrics (names without the {@code fairness.ATTR.} prefix: the summary metrics and
 * {@code group.G.*}), the metrics that could not be computed with the reason (too few groups, a
 * group without positive labels, a zero denominator), and notes on computed metrics that left a
 * group out. A metric name appears in exactly one of {@code metrics} and {@code undefined}.
 */
public record FairnessReport(String attribute, Optional<String> privileged, List<GroupRates> groups,
    Map<String, Double> metrics, Map<String, String> undefined, Map<String, String> notes) {

  public FairnessReport {
    groups = List.copyOf(groups);
    metrics = Map.copyOf(metrics);
    undefined = Map.copyOf(undefined);
    notes = Map.copyOf(notes);
  }
}
