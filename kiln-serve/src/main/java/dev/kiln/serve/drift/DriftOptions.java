package dev.kiln.serve.drift;

import java.time.Duration;

/**
 * How the gateway watches drift: on or off, and when a window closes — once it is {@code window}
 * old and holds at least {@code minRows} rows, or as soon as it holds {@code maxRows} rows,
 * whichever comes first. Defaults: on, 1 minute, 10,000 rows, at least 100 rows (a window
 * closed by time with fewer rows goes on until it has them, so a quiet minute is not tested on
 * a handful of rows).
 */
public record DriftOptions(boolean enabled, Duration window, int maxRows, int minRows) {
  public static final DriftOptions DEFAULT = new DriftOptions(true, Duration.ofMinutes(1), 10_000, 100);
  public static final DriftOptions OFF = new DriftOptions(false, DEFAULT.window, DEFAULT.maxRows, DEFAULT.minRows);

  public DriftOptions {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the drift window must be longer than 0, found " + window);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("a drift window needs at most 1 row or more, found " + maxRows);
    }
    if (minRows < 1 || minRows > maxRows) {
      throw new IllegalArgumentException("a drift window's minimum rows must lie between 1 and its maximum ("
          + maxRows + "), found " + minRows);
    }
  }
}
