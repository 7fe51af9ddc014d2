package dev.kiln.model.features;

/** Data does not fit a model's signature: a column is missing or holds values of the wrong kind. */
public final class SignatureMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SignatureMismatchException(String message) {
    super(message);
  }
}
