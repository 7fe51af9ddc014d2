package dev.kiln.stats.drift;

import dev.kiln.stats.KsTest;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import dev.kiln.stats.dist.QuantileBins;
import dev.kiln.stats.profile.NumericSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A numeric reference column as drift counts current values on it: its {@link Grid} (the exact
 * reference values, or its fine quantile bins) and its decile bins. Current values are counted on
 * a sorted set of upper boundaries that holds both ({@link #boundaries()}, DuckDB's
 * {@code histogram(v, boundaries)} buckets (previous, boundary]) with the sums of the values
 * below and above the reference's range; {@link #fromCounts} computes every test from those
 * counts. kiln-data's fused scan and the gateway's live windows count this way, so
 * {@code kiln validate} and the live monitor give the same statistic for the same counts.
 */
public final class NumericReference {
  /** Count tests treat each value as a category when the reference has at most this many. */
  public static final int MAX_VALUE_CATEGORIES = 20;
  private final NumericSummary summary;
  private final long referenceValues;
  private final Grid grid;
  private final long[] gridCounts;

  public NumericReference(NumericSummary summary, long referenceValues) {
    this.summary = summary;
    this.referenceValues = referenceValues;
    if (summary.distribution() instanceof Distribution.Points p) {
      grid = Grid.points(p.valueArray());
      gridCounts = p.countArray();
    } else {
      Histogram h = ((Distribution.Binned) summary.distribution()).bins();
      grid = Grid.bins(h.edgeArray());
      gridCounts = h.countArray();
    }
  }

  public Grid grid() {
    return grid;
  }

  public NumericSummary summary() {
    return summary;
  }

  /** The reference's smallest value: current values below it are summed ({@code belowSum}). */
  public double min() {
    return summary.min();
  }

  /** The reference's largest value: current values above it are summed ({@code aboveSum}). */
  public double max() {
    return summary.max();
  }

  /** The upper boundaries of the decile bins count tests use, ending with +∞. */
  public List<Double> decileBoundaries() {
    return QuantileBins.driftBoundaries(summary.quantileBins());
  }

  /** The grid's and the deciles' boundaries together, increasing, ending with +∞. */
  public List<Double> boundaries() {
    TreeSet<Double> union = new TreeSet<>(grid.boundaries());
    union.addAll(decileBoundaries());
    return new ArrayList<>(union);
  }

  /**
   * Counts per bucket of {@code target} (boundaries that are all in {@code union}), summed from
   * the counts per bucket of {@code union}.
   */
  public static long[] view(List<Double> union, long[] unionCounts, List<Double> target) {
    long[] out = new long[target.size()];
    int j = 0;
    for (int i = 0; i < union.size(); i++) {
      while (j < target.size() - 1 && union.get(i) > target.get(j)) {
        j++;
      }
      out[j] += unionCounts[i];
    }
    return out;
  }

  /**
   * The test's statistic from counts on {@code union} (which holds {@link #boundaries()}): KS and
   * Wasserstein through {@link Cells} on the grid (KS exact on a grid of values; Wasserstein
   * interpolated inside cells and bounded; exact, with a bound of 0, where the current values sit on
   * reference values or beyond the range), the
   * count tests through {@link #counts}.
   */
  public DriftStatistic fromCounts(DriftTest test, List<Double> union, long[] unionCounts, double belowSum,
      double aboveSum) {
    if (test != DriftTest.KS && test != DriftTest.WASSERSTEIN) {
      double[] s = counts(union, unionCounts).test(test);
      return new DriftStatistic(test, s[0], s[1], true, 0);
    }
    long[] buckets = view(union, unionCounts, grid.boundaries());
    Cells cells = grid.isPoints()
        ? Cells.onPoints(grid.grid(), gridCounts, buckets, belowSum, aboveSum)
        : Cells.onBins(grid.grid(), gridCounts, buckets, belowSum, aboveSum);
    if (test == DriftTest.KS) {
      double[] d = cells.ks();
      KsTest.Result r = KsTest.fromStatistic(d[0], referenceValues, (long) cells.currentTotal());
      return new DriftStatistic(test, d[0], r.pValue(), grid.isPoints(), d[1] - d[0]);
    }
    double sigma = sigma();
    double[] w = cells.wasserstein();
    return new DriftStatistic(test, w[0] / sigma, Double.NaN, false, w[1] / sigma);
  }

  /** The reference's population standard deviation (floored at 0.001), which Wasserstein is divided by. */
  public double sigma() {
    return Math.max(summary.populationStd(referenceValues), 0.001);
  }

  /** Counts by value (few distinct reference values) or by reference decile, for the count tests. */
  public Counts counts(List<Double> union, long[] unionCounts) {
    if (grid.isPoints() && grid.grid().length <= MAX_VALUE_CATEGORIES) {
      long[] b = view(union, unionCounts, grid.boundaries());
      double[] g = grid.grid();
      List<String> labels = new ArrayList<>();
      long[] ref = new long[g.length + 1];
      long[] cur = new long[g.length + 1];
      long other = 0;
      for (int i = 0; i < b.length; i++) {
        if (i % 2 == 1) {
          cur[i / 2] = b[i];
        } else {
          other += b[i];
        }
      }
      for (int i = 0; i < g.length; i++) {
        labels.add(label(g[i]));
        ref[i] = gridCounts[i];
      }
      labels.add(CategoricalReference.OTHER);
      cur[g.length] = other;
      return new Counts(labels, ref, cur);
    }
    return deciles(union, unionCounts);
  }

  /** Counts on the reference's decile bins with open outer bins: what PSI is computed on. */
  public Counts deciles(List<Double> union, long[] unionCounts) {
    List<Double> bounds = decileBoundaries();
    long[] cur = view(union, unionCounts, bounds);
    long[] ref = QuantileBins.driftReferenceCounts(summary.quantileBins());
    return new Counts(binLabels(bounds), ref, cur);
  }

  /** "<= 3", "(3, 5]", "(5, 7)" below a heavy value, "= 7" for a heavy value's bin, "> 9"; "all" for one bin. */
  static List<String> binLabels(List<Double> bounds) {
    if (bounds.size() == 1) {
      return List.of("all");
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      double hi = bounds.get(i);
      boolean open = i + 1 < bounds.size() && bounds.get(i + 1) == Math.nextUp(hi);
      String upper = open ? label(Math.nextUp(hi)) + ")" : label(hi) + "]";
      if (i == bounds.size() - 1) {
        labels.add("> " + label(bounds.get(i - 1)));
      } else if (i == 0) {
        labels.add((open ? "< " : "<= ") + upper.substring(0, upper.length() - 1));
      } else if (bounds.get(i - 1) == Math.nextDown(hi)) {
        labels.add("= " + label(hi));
      } else {
        labels.add("(" + label(bounds.get(i - 1)) + ", " + upper);
      }
    }
    return labels;
  }

  /** A number as bin labels show it: whole numbers without a decimal point, others to 4 significant digits. */
  public static String label(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
