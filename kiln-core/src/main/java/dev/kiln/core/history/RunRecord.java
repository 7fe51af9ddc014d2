package dev.kiln.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One recorded run of a pipeline; {@code owner} and {@code heartbeat} say which process runs it
 * and when it last said it is alive (empty for runs recorded before Kiln kept them).
 */
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
    List<String> targets,
    Optional<RunOwner> owner,
    Optional<Instant> heartbeat) {

  public RunRecord {
    targets = List.copyOf(targets);
  }

  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }
}
