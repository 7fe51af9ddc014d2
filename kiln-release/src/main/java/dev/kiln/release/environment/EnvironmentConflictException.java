package dev.kiln.release.environment;

/** An environment changed between reading it and applying a change to it: nothing was applied. */
public final class EnvironmentConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvironmentConflictException(String message) {
    super(message);
  }
}
