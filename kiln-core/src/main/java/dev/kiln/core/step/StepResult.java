package dev.kiln.core.step;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a step reports: whether it passed, why (in words), the numbers it measured (recorded as
 * the stage's metrics, usable by gates) and details worth listing (failing checks, …).
 */
public record StepResult(boolean passed, String reason, Map<String, Double> metrics, List<String> details) {

  public StepResult {
    metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    details = List.copyOf(details);
  }

  public static StepResult passed(String reason, Map<String, Double> metrics) {
    return new StepResult(true, reason, metrics, List.of());
  }

  public static StepResult failed(String reason, Map<String, Double> metrics, List<String> details) {
    return new StepResult(false, reason, metrics, details);
  }
}
