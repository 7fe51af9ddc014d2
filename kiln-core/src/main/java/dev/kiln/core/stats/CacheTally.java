package dev.kiln.core.stats;

/**
 * How often a stage was up to date, restored from the run-cache, or ran; the hit rate is the
 * share of the first two, NaN when the stage had no such outcome.
 */
public record CacheTally(long upToDate, long restored, long ran) {
  public static final CacheTally ZERO = new CacheTally(0, 0, 0);

  public long total() {
    return upToDate + restored + ran;
  }

  public double hitRate() {
    return total() == 0 ? Double.NaN : (double) (upToDate + restored) / total();
  }

  CacheTally plus(CacheOutcome o) {
    return switch (o) {
      case UP_TO_DATE -> new CacheTally(upToDate + 1, restored, ran);
      case RESTORED -> new CacheTally(upToDate, restored + 1, ran);
      case RAN -> new CacheTally(upToDate, restored, ran + 1);
    };
  }
}
