package dev.kiln.release.rollout;

/** A rollout command that does not fit the rollout's phase ("already promoted"). */
public final class RolloutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RolloutException(String message) {
    super(message);
  }
}
