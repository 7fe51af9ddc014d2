package dev.kiln.core.stats;

import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.RunStatus;

/**
 * Outcomes counted: {@code succeeded} (for a stage: any result — ran, up to date or restored),
 * {@code failed}, and {@code other} (skipped, cancelled, interrupted, waiting, still running).
 * The rates are over succeeded and failed only, NaN when neither happened.
 */
public record Tally(long succeeded, long failed, long other) {
  public static final Tally ZERO = new Tally(0, 0, 0);

  public long total() {
    return succeeded + failed + other;
  }

  public double successRate() {
    return succeeded + failed == 0 ? Double.NaN : (double) succeeded / (succeeded + failed);
  }

  public double failureRate() {
    return succeeded + failed == 0 ? Double.NaN : (double) failed / (succeeded + failed);
  }

  Tally plus(ExecStatus s) {
    return s.hasResult() ? new Tally(succeeded + 1, failed, other)
        : s == ExecStatus.FAILED ? new Tally(succeeded, failed + 1, other) : new Tally(succeeded, failed, other + 1);
  }

  Tally plus(RunStatus s) {
    return s == RunStatus.SUCCEEDED ? new Tally(succeeded + 1, failed, other)
        : s == RunStatus.FAILED ? new Tally(succeeded, failed + 1, other) : new Tally(succeeded, failed, other + 1);
  }
}
