package dev.kiln.core.history;

import java.time.Instant;
import java.util.List;

/**
 * What is known about a run when it starts: versions of code, config and Kiln, who asked, and
 * the process that owns it.
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
    RunOwner owner) {

  public NewRun {
    targets = List.copyOf(targets);
  }
}
