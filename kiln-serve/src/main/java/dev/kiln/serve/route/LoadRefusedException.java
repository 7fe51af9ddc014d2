package dev.kiln.serve.route;

/** A version that cannot be served: its bundle fails verification, or its model does not load. Names why. */
public final class LoadRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoadRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
