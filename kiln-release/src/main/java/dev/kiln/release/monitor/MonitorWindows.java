package dev.kiln.release.monitor;

import java.time.Instant;
import java.util.List;

/** Closed monitor windows, kept so reports can show them over time. */
public interface MonitorWindows {
  void record(MonitorWindow window);

  /** The environment's windows that ended at or after {@code since}, oldest first. */
  List<MonitorWindow> since(String environment, Instant since);

  /** Whether any window of the environment was ever recorded; a store answers without reading them. */
  default boolean any(String environment) {
    return !since(environment, Instant.EPOCH).isEmpty();
  }
}
