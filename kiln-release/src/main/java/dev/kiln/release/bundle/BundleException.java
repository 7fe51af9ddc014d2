package dev.kiln.release.bundle;

/** A bundle that cannot be written, or that fails verification; the message names the file. */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
