package dev.kiln.core.stats;

import dev.kiln.core.history.ExecutionRecord;
import java.util.Optional;

/**
 * What the run-cache did for one stage execution: nothing to do ({@link #UP_TO_DATE}: the last
 * result still stands), outputs brought back from an earlier run with the same fingerprint
 * ({@link #RESTORED}), or the stage ran. Skipped, cancelled and interrupted executions, and
 * those still running, had no such outcome.
 */
public enum CacheOutcome {
  UP_TO_DATE("up to date"),
  RESTORED("restored"),
  RAN("ran");

  private final String label;

  CacheOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The outcome recorded in {@code e}: its status, and for a failure whether it reused an
   * earlier execution (a restore whose re-applied effect failed) or ran.
   */
  public static Optional<CacheOutcome> of(ExecutionRecord e) {
    return switch (e.status()) {
      case UP_TO_DATE -> Optional.of(UP_TO_DATE);
      case RESTORED -> Optional.of(RESTORED);
      case SUCCEEDED, WAITING -> Optional.of(RAN);
      case FAILED -> Optional.of(e.sourceExecutionId() == null ? RAN : RESTORED);
      default -> Optional.empty();
    };
  }
}
