package dev.kiln.release.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of every alert and of what its actions did; append-only. */
public interface Alerts {
  /** Records a fired rule before its actions run, and returns its id. */
  long raise(String environment, String rule, String model, String version, Instant at, String summary,
      String evidenceJson);

  /** Records what one action of alert {@code alertId} did ({@code status}: ok, failed, skipped, pending). */
  void action(long alertId, String action, String status, String detail, Instant at);

  /** Alerts at or after {@code since}, newest first, of one environment or of all. */
  List<Alert> list(Optional<String> environment, Instant since);
}
