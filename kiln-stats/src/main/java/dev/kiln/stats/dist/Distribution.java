package dev.kiln.stats.dist;

import java.util.List;

/**
 * A numeric column's distribution as a drift test needs it. {@link Points} is exact (every
 * distinct value with its count), kept when a column has few distinct values; {@link Binned}
 * keeps counts in fine reference-quantile bins, and drift statistics computed from it state the
 * bound of their approximation.
 */
public sealed interface Distribution permits Distribution.Points, Distribution.Binned {

  /** Number of values described. */
  long total();

  /** Every distinct value (increasing) with its count. */
  record Points(List<Double> values, List<Long> counts) implements Distribution {
    public Points {
      values = List.copyOf(values);
      counts = List.copyOf(counts);
      if (values.size() != counts.size()) {
        throw new IllegalArgumentException("points need one count per value");
      }
      for (int i = 1; i < values.size(); i++) {
        if (!(values.get(i - 1) < values.get(i))) {
          throw new IllegalArgumentException("point values must increase");
        }
      }
    }

    @Override
    public long total() {
      return counts.stream().mapToLong(Long::longValue).sum();
    }

    public double[] valueArray() {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public long[] countArray() {
      return counts.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Counts in fine bins whose edges are reference quantiles. */
  record Binned(Histogram bins) implements Distribution {
    @Override
    public long total() {
      return bins.total();
    }
  }
}
