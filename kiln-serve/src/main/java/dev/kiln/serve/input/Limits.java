package dev.kiln.serve.input;

/**
 * How much one request may carry: its body in bytes and its batch in rows. Past either, the
 * request is refused with 413 before any prediction.
 */
public record Limits(long maxBodyBytes, int maxRows) {
  public static final Limits DEFAULT = new Limits(16L << 20, 10_000);

  public Limits {
    if (maxBodyBytes < 1 || maxRows < 1) {
      throw new IllegalArgumentException("limits must be positive: body " + maxBodyBytes + " bytes, " + maxRows
          + " rows");
    }
  }

  /** Refuses a batch of more than {@link #maxRows} rows. */
  public void checkRows(long rows) {
    if (rows > maxRows) {
      throw ClientError.tooLarge("the request holds " + rows + " rows; this gateway takes at most " + maxRows
          + " per request (--max-rows)");
    }
  }

  public void checkBody(long bytes) {
    if (bytes > maxBodyBytes) {
      throw ClientError.tooLarge("the request body is " + bytes + " bytes; this gateway takes at most " + maxBodyBytes
          + " (--max-body)");
    }
  }
}
