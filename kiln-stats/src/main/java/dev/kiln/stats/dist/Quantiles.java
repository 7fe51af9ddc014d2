package dev.kiln.stats.dist;

import java.util.function.LongToDoubleFunction;

/**
 * Quantiles interpolated linearly between order statistics, bit for bit as NumPy's default
 * ({@code numpy.quantile(x, p, method='linear')}): the position is h = (n − 1)·p, and the value
 * between x[⌊h⌋] and x[⌊h⌋ + 1] is {@code a + (b − a)·t} for t &lt; 0.5 and
 * {@code b − (b − a)·(1 − t)} otherwise, so it is exactly {@code a} when {@code a == b}. (The form
 * {@code (1 − t)·a + t·b}, which DuckDB's {@code quantile_cont} uses, is not: it gives
 * 228.09999999999997 between two values 228.1.)
 */
public final class Quantiles {
  private Quantiles() {}

  /** The {@code p} quantile of {@code n} values whose {@code k}-th smallest (from 0) is {@code valueAt(k)}. */
  public static double linear(long n, double p, LongToDoubleFunction valueAt) {
    if (n <= 0) {
      throw new IllegalArgumentException("no values");
    }
    double h = (n - 1) * p;
    if (h >= n - 1) {
      return valueAt.applyAsDouble(n - 1);
    }
    if (h < 0) {
      return valueAt.applyAsDouble(0);
    }
    double below = Math.floor(h);
    long j = (long) below;
    return lerp(valueAt.applyAsDouble(j), valueAt.applyAsDouble(j + 1), h - below);
  }

  /** The ranks (from 0) of the order statistics {@link #linear} reads for {@code p}: one or two. */
  public static long[] ranks(long n, double p) {
    double h = (n - 1) * p;
    if (h >= n - 1) {
      return new long[] {n - 1};
    }
    if (h < 0) {
      return new long[] {0};
    }
    long j = (long) Math.floor(h);
    return new long[] {j, j + 1};
  }

  /** The {@code p} quantile of the values sorted increasingly. */
  public static double linear(double[] sorted, double p) {
    return linear(sorted.length, p, k -> sorted[(int) k]);
  }

  /** The {@code p} quantile of every distinct value with its count. */
  public static double linear(Distribution.Points points, double p) {
    double[] v = points.valueArray();
    long[] cumulative = points.countArray();
    for (int i = 1; i < cumulative.length; i++) {
      cumulative[i] += cumulative[i - 1];
    }
    return linear(points.total(), p, k -> v[upperIndex(cumulative, k)]);
  }

  /** The first index whose cumulative count exceeds {@code k}. */
  private static int upperIndex(long[] cumulative, long k) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** NumPy's {@code _lerp}: exact at both ends, and exactly {@code a} when {@code a == b}. */
  public static double lerp(double a, double b, double t) {
    double d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
  }
}
