package dev.kiln.model.predict;

/** A model cannot be found or loaded: missing, corrupt, of another kind, or inconsistent with its model.yaml. */
public final class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
