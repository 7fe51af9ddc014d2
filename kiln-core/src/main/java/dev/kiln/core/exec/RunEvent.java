package dev.kiln.core.exec;

import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.RunStatus;
import java.time.Duration;
import java.util.List;

/** What the executor tells its listener. The CLI renders these; the core never prints. */
public sealed interface RunEvent {

  record RunStarted(long runId, String pipeline, List<String> stages) implements RunEvent {}

  /** A stage began executing (it was not up to date); {@code why} lists the reasons. */
  record StageStarted(String stage, List<String> why) implements RunEvent {}

  /** One line of a stage's output (stdout and stderr merged). */
  record StageOutput(String stage, String line) implements RunEvent {}

  record StageFinished(String stage, ExecStatus status, String reason, Duration wall) implements RunEvent {}

  record RunFinished(long runId, RunStatus status, String reason, Duration wall) implements RunEvent {}

  /** Before a run: an earlier run whose owner is gone was marked interrupted, and why. */
  record Recovered(long runId, String why) implements RunEvent {}
}
