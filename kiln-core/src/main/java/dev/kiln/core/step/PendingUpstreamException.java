package dev.kiln.core.step;

/**
 * Thrown by an {@link InputContext} that is asked for the result of an upstream stage which has
 * none yet, because it would run first. {@code kiln status} then says the stage is decided
 * after that upstream stage, instead of guessing.
 */
public final class PendingUpstreamException extends RuntimeException {
  private final String stage;

  public PendingUpstreamException(String stage) {
    super("stage '" + stage + "' has not run yet");
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
