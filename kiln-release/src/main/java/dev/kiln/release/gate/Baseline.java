package dev.kiln.release.gate;

import java.util.Map;

/**
 * The version a gate's change checks compare against: how to name it in messages
 * ("production of credit-risk"), its version number, and its recorded metrics.
 */
public record Baseline(String label, int version, Map<String, Double> metrics) {

  public Baseline {
    metrics = Map.copyOf(metrics);
  }
}
