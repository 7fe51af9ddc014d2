package dev.kiln.core.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * How a measure (wall time, CPU time, peak memory) spread over the executions it was measured
 * on: how many, the median and 95th percentile ({@link Quantile#linear}), the largest and the
 * sum. All NaN (and count 0) when nothing was measured.
 */
public record Summary(long count, double p50, double p95, double max, double total) {
  public static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN, 0);

  public static Summary of(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      return NONE;
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    return new Summary(sorted.length, Quantile.linear(sorted, 0.5), Quantile.linear(sorted, 0.95),
        sorted[sorted.length - 1], Arrays.stream(sorted).sum());
  }
}
