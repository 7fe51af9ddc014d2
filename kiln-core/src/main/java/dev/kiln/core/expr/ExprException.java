package dev.kiln.core.expr;

/** A condition that cannot be parsed or evaluated; the message says where and why. */
public final class ExprException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExprException(String message) {
    super(message);
  }
}
