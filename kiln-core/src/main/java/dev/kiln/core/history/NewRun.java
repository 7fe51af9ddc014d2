package dev.kiln.core.history;

import java.time.Instant;
import java.util.List;

/** What is known about a run when it starts: versions of code, config and Kiln, and who asked. */
public record NewRun(
    String pipeline,
    String trigger,
    GitState git,
    String paramsJson,
    String kilnVersion,
    String host,
    Instant startedAt,
    List<String> targets) {

  public NewRun {
    targets = List.copyOf(targets);
  }
}
