package dev.kiln.core.history;

/**
 * What happened to one stage in one run. {@link #UP_TO_DATE} and {@link #RESTORED} are results
 * just like {@link #SUCCEEDED}: the stage's outputs are valid for its current inputs.
 */
public enum ExecStatus {
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  UP_TO_DATE("up to date"),
  RESTORED("restored from cache"),
  FAILED("failed"),
  SKIPPED("skipped"),
  CANCELLED("cancelled"),
  INTERRUPTED("interrupted"),
  WAITING("waiting for approval");

  private final String label;

  ExecStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** True for the statuses whose outputs stand as the stage's current result. */
  public boolean hasResult() {
    return this == SUCCEEDED || this == UP_TO_DATE || this == RESTORED;
  }
}
