package dev.kiln.data.read;

/**
 * A data set cannot be read (missing, empty, malformed, not the format its name says); the
 * message names the file and, where known, the line. It is the user's to fix: commands exit 2.
 */
public final class DataReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataReadException(String message) {
    super(message);
  }

  public DataReadException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What every command and stage says: {@code cannot read the data: data.csv:4: expected 3 fields …}. */
  public String userMessage() {
    return "cannot read the data: " + getMessage();
  }
}
