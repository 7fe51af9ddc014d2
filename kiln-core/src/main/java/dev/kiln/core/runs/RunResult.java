package dev.kiln.core.runs;

import dev.kiln.core.exec.RunOutcome;

/** How a request to run ended: the run happened, or another run holds the project's lock. */
public sealed interface RunResult {

  record Finished(RunOutcome outcome) implements RunResult {}

  /** Nothing ran: {@code holder} (as the lock file names it) runs this project. */
  record Busy(String holder) implements RunResult {}
}
