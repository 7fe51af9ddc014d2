package dev.kiln.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One recorded run of a pipeline; {@code owner} and {@code heartbeat} say which process runs it
 * and when it last said it is alive (empty for runs recorded before Kiln kept them); {@code cause} says why its
 * trigger fired ({@code push a1b2c3d: modified data/train.csv}, empty if nobody said), {@code ci} which CI job
 * started it.
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
    Optional<Instant> heartbeat,
    String cause,
    CiRun ci) {

  public RunRecord {
    targets = List.copyOf(targets);
    cause = cause == null ? "" : cause;
    ci = ci == null ? CiRun.NONE : ci;
  }

  /** A run without a recorded cause, outside CI. */
  public RunRecord(long id, String pipeline, RunStatus status, String reason, String trigger, GitState git,
      String paramsJson, String kilnVersion, String host, Instant startedAt, Instant endedAt, List<String> targets,
      Optional<RunOwner> owner, Optional<Instant> heartbeat) {
    this(id, pipeline, status, reason, trigger, git, paramsJson, kilnVersion, host, startedAt, endedAt, targets, owner,
        heartbeat, "", CiRun.NONE);
  }

  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }
}
