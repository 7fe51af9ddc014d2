package dev.kiln.serve.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code monitor:} section of kiln.yaml, typed: the environment whose gateway judges the
 * rules, how long a monitor window lasts ({@code window}, and optionally {@code window-rows}: a
 * window also closes once a version answered that many rows), and the rules in file order.
 */
public record MonitorConfig(String environment, Duration window, Optional<Long> windowRows, List<Rule> rules) {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  public MonitorConfig {
    rules = List.copyOf(rules);
  }
}
