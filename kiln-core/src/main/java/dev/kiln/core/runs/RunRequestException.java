package dev.kiln.core.runs;

/** A run request that cannot be carried out as asked (unknown stage, a run that is not waiting): nothing ran. */
public final class RunRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunRequestException(String message) {
    super(message);
  }
}
