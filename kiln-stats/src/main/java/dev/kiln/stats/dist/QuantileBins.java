package dev.kiln.stats.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleToLongFunction;

/**
 * The reference-quantile bins PSI, KL and Jensen–Shannon use on numeric columns (docs/data-checks.md,
 * "Bins"). Their edges are the distinct deciles q0 … q10 (NumPy's linear quantiles); a decile value
 * that holds more than a tenth of the values (a heavy value, such as the zero of a column that is
 * mostly zeros) gets a bin of its own that holds only it, {@code (nextDown(v), v]}, so the bins
 * around it hold only the values below and above it. Bins never collapse: a constant column has
 * one bin, its value's.
 *
 * <p>Drift counts current values on these bins with open outer bins, except that an outer bin
 * holding a single value is closed and the values beyond it get a bin of their own: a heavy
 * minimum or maximum that moves out of the reference's range is a shift, not a match.
 */
public final class QuantileBins {
  private QuantileBins() {}

  /** The quantile levels the bins come from: 0, 0.1, …, 1. */
  public static double[] levels(int bins) {
    double[] l = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      l[i] = (double) i / bins;
    }
    return l;
  }

  /** The values at which {@link #of} asks how many values are at most that value. */
  public static List<Double> asked(double[] quantiles) {
    TreeSet<Double> out = new TreeSet<>();
    for (double q : quantiles) {
      out.add(q);
      out.add(Math.nextDown(q));
    }
    return new ArrayList<>(out);
  }

  /**
   * The bins of {@code n} values whose quantiles at {@link #levels} are {@code quantiles}, with the
   * reference's counts; {@code atMost(c)} is the number of values ≤ c, asked only at the values
   * {@link #asked} lists.
   */
  public static Histogram of(double[] quantiles, long n, DoubleToLongFunction atMost) {
    int bins = quantiles.length - 1;
    List<Double> edges = new ArrayList<>();
    for (double q : new TreeSet<>(box(quantiles))) {
      long own = atMost.applyAsLong(q) - atMost.applyAsLong(Math.nextDown(q));
      boolean heavy = own * bins > n;
      if (heavy && (edges.isEmpty() || edges.get(edges.size() - 1) < Math.nextDown(q))) {
        edges.add(Math.nextDown(q));
      }
      edges.add(q);
    }
    if (edges.size() == 1) {
      edges.add(0, Math.nextDown(edges.get(0)));
    }
    List<Long> counts = new ArrayList<>();
    for (int i = 1; i < edges.size(); i++) {
      long upTo = i == edges.size() - 1 ? n : atMost.applyAsLong(edges.get(i));
      long before = i == 1 ? 0 : atMost.applyAsLong(edges.get(i - 1));
      counts.add(upTo - before);
    }
    return new Histogram(edges, counts);
  }

  /** The bins of values given as every distinct value with its count (exact). */
  public static Histogram of(Distribution.Points points, int bins) {
    double[] levels = levels(bins);
    double[] q = new double[levels.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = Quantiles.linear(points, levels[i]);
    }
    double[] v = points.valueArray();
    long[] c = points.countArray();
    return of(q, points.total(), x -> {
      long s = 0;
      for (int i = 0; i < v.length && v[i] <= x; i++) {
        s += c[i];
      }
      return s;
    });
  }

  /** Whether the first bin holds a single value (a heavy minimum): values below it get a bin of their own. */
  public static boolean closedBelow(Histogram h) {
    return h.edges().get(0) == Math.nextDown(h.edges().get(1));
  }

  /** Whether the last bin holds a single value (a heavy maximum): values above it get a bin of their own. */
  public static boolean closedAbove(Histogram h) {
    int k = h.edges().size() - 1;
    return h.edges().get(k - 1) == Math.nextDown(h.edges().get(k));
  }

  /**
   * The upper boundaries of the bins drift counts on, in DuckDB's {@code histogram(v, boundaries)}
   * convention (bucket i holds (boundary[i−1], boundary[i]]), ending with +∞: the reference bins with
   * open outer bins, plus a bin below or above where an outer bin is closed.
   */
  public static List<Double> driftBoundaries(Histogram h) {
    List<Double> e = h.edges();
    List<Double> b = new ArrayList<>();
    if (closedBelow(h)) {
      b.add(e.get(0));
    }
    b.addAll(e.subList(1, e.size() - 1));
    if (closedAbove(h)) {
      b.add(e.get(e.size() - 1));
    }
    b.add(Double.POSITIVE_INFINITY);
    return b;
  }

  /** The reference's counts on {@link #driftBoundaries} (zero in the bins beyond its range). */
  public static long[] driftReferenceCounts(Histogram h) {
    List<Long> out = new ArrayList<>();
    if (closedBelow(h)) {
      out.add(0L);
    }
    out.addAll(h.counts());
    if (closedAbove(h)) {
      out.add(0L);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<Double> box(double[] a) {
    List<Double> out = new ArrayList<>();
    for (double d : a) {
      out.add(d);
    }
    return out;
  }
}
