package dev.kiln.packaging.image;

/** An image that cannot be built or pushed, with the reason in words (the CLI exits 2 or 1 with it). */
public final class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
