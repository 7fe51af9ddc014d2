package dev.kiln.release.rollout;

/** Where a rollout is: moving, waiting for a person or a timer, done, or rolled back. */
public enum Phase {
  PROGRESSING("progressing"),
  PAUSED("paused"),
  PROMOTED("promoted"),
  ABORTED("aborted");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean finished() {
    return this == PROMOTED || this == ABORTED;
  }
}
