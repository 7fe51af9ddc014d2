package dev.kiln.core.trigger;

import java.util.List;

/**
 * {@code on: monitor}: which monitor rules' {@code retrain} actions may start this pipeline: all
 * ({@code monitor: true}), the rules named, or none (the key absent or {@code false}).
 */
public record MonitorFilter(boolean all, List<String> rules) {
  public static final MonitorFilter NONE = new MonitorFilter(false, List.of());

  public MonitorFilter {
    rules = List.copyOf(rules);
  }

  public boolean accepts(String rule) {
    return all || rules.contains(rule);
  }
}
