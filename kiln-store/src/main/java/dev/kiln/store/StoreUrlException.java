package dev.kiln.store;

/** The metadata store's URL names no back end Kiln speaks: a configuration mistake, not a failure. */
public final class StoreUrlException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUrlException(String message) {
    super(message);
  }
}
