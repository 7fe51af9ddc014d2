package dev.kiln.data.read;

/** A data set cannot be read; the message names the file and, where known, the line. */
public final class DataReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataReadException(String message) {
    super(message);
  }

  public DataReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
