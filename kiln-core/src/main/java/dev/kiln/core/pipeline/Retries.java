package dev.kiln.core.pipeline;

import java.time.Duration;

/** How often a failed stage is tried again, and how long to wait between attempts. */
public record Retries(int count, Duration delay) {
  public static final Retries NONE = new Retries(0, Duration.ZERO);

  public Retries {
    if (count < 0) {
      throw new IllegalArgumentException("retries must be >= 0");
    }
  }

  public int attempts() {
    return count + 1;
  }
}
