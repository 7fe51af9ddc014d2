package dev.kiln.core.history;

/** How a run ended, or that it is still going. */
public enum RunStatus {
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  CANCELLED("cancelled"),
  INTERRUPTED("interrupted"),
  WAITING("waiting for approval");

  private final String label;

  RunStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static RunStatus parse(String name) {
    return valueOf(name);
  }
}
