package dev.kiln.core.exec;

import dev.kiln.core.history.GitState;

/**
 * How to run: parallel jobs, whether independent branches go on after a failure, whether to
 * ignore up-to-date checks and the run-cache, and the context conditions may test.
 */
public record ExecOptions(int jobs, boolean keepGoing, boolean force, String trigger, GitState git) {

  public ExecOptions {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
  }
}
