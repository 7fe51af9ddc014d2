package dev.kiln.release.environment;

/** A change an environment cannot take as asked; the message names its state and what to do. */
public final class EnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message) {
    super(message);
  }
}
