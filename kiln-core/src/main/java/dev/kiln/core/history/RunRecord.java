package dev.kiln.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One recorded run of a pipeline. */
public record RunRecord(
    long id,
    String pipeline,
    RunStatus status,
    String reason,
    String trigger,
    GitState git,
    String paramsJson,
    String kilnVersion,
    String host,
    Instant startedAt,
    Instant endedAt,
    List<String> targets) {

  public RunRecord {
    targets = List.copyOf(targets);
  }

  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }
}
