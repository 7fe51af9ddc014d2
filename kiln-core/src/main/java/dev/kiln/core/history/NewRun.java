package dev.kiln.core.history;

import java.time.Instant;
import java.util.List;

/**
 * What is known about a run when it starts: versions of code, config and Kiln, who asked (the
 * trigger, why it fired, and the CI job it came from), and the process that owns it.
 */
public record NewRun(
    String pipeline,
    String trigger,
    GitState git,
    String paramsJson,
    String kilnVersion,
    String host,
    Instant startedAt,
    List<String> targets,
    RunOwner owner,
    String cause,
    CiRun ci) {

  public NewRun {
    targets = List.copyOf(targets);
    cause = cause == null ? "" : cause;
    ci = ci == null ? CiRun.NONE : ci;
  }

  /** A run without a recorded cause, outside CI. */
  public NewRun(String pipeline, String trigger, GitState git, String paramsJson, String kilnVersion, String host,
      Instant startedAt, List<String> targets, RunOwner owner) {
    this(pipeline, trigger, git, paramsJson, kilnVersion, host, startedAt, targets, owner, "", CiRun.NONE);
  }
}
