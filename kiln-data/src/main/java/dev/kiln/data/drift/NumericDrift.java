package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.KsTest;
import dev.kiln.stats.Wasserstein;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import dev.kiln.stats.drift.DriftStatistic;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.drift.Grid;
import dev.kiln.stats.drift.NumericReference;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.NumericSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drift of a numeric column. The fused scan counts the current values on the reference's grid
 * (its exact values, or its fine quantile bins), on its decile bins and on its plot bins, and sums
 * the values beyond the reference's range. KS and Wasserstein are exact when both sides' values
 * are available in full (small data), exact for KS on a grid of reference values, and bounded
 * otherwise; count-based tests use each value as a category (up to 20 distinct reference values)
 * or the reference deciles, with open outer bins.
 */
final class NumericDrift extends ColumnDrift {
  static final int MAX_VALUE_CATEGORIES = NumericReference.MAX_VALUE_CATEGORIES;
  private final String value;
  private final ColumnProfile rp;
  private final NumericSummary ns;
  private final Optional<double[]> refValues;
  private final NumericReference reference;
  private final Grid grid;
  private final long[] refGridCounts;
  private int count;
  private int unionSlot;
  private List<Double> unionBoundaries = List.of();
  private int below;
  private int above;
  private String skip = "";

  NumericDrift(String column, String value, ColumnProfile rp, Optional<double[]> refValues, DriftTest test,
      double threshold, Severity severity, boolean label) {
    super(column, test, threshold, severity, label);
    this.value = value;
    this.rp = rp;
    this.ns = rp.numeric().orElseThrow();
    this.refValues = refValues;
    this.reference = new NumericReference(ns, rp.nonMissing());
    this.grid = reference.grid();
    this.refGridCounts = ns.distribution() instanceof Distribution.Points p ? p.countArray() : new long[0];
  }

  /**
   * One histogram per column serves the grid, the deciles and the plot: it counts on the union of
   * their boundaries, and each view sums the union's buckets (every view's boundaries are in the
   * union, and all use DuckDB's (previous, boundary] buckets).
   */
  @Override
  void plan(Aggregates scan) {
    count = scan.add("count(" + value + ")");
    java.util.TreeSet<Double> union = new java.util.TreeSet<>(reference.boundaries());
    union.addAll(plotBoundaries());
    unionBoundaries = new ArrayList<>(union);
    unionSlot = scan.add("histogram(" + value + ", " + Sql.numbers(unionBoundaries) + ")");
    below = scan.add("sum(" + value + ") FILTER (WHERE " + value + " < " + Sql.number(ns.min()) + ")");
    above = scan.add("sum(" + value + ") FILTER (WHERE " + value + " > " + Sql.number(ns.max()) + ")");
  }

  /** Counts per bucket of {@code target} (boundaries that are all in the union), from the union's counts. */
  private long[] view(Row row, List<Double> target) {
    return NumericReference.view(unionBoundaries, unionCounts(row), target);
  }

  private long[] unionCounts(Row row) {
    return decode(unionBoundaries, row.counts(unionSlot));
  }

  private List<Double> plotBoundaries() {
    List<Double> e = ns.equalWidth().edges();
    List<Double> b = new ArrayList<>();
    b.add(Math.nextDown(e.get(0)));
    b.addAll(e.subList(1, e.size()));
    b.add(Double.POSITIVE_INFINITY);
    return b;
  }

  @Override
  Optional<DriftResult> finish(Row row, DriftFollowUp followUp) {
    long n = row.count(count);
    if (n == 0) {
      skip = column + ": no values in the current data";
      return Optional.empty();
    }
    long refN = rp.nonMissing();
    DriftResult.Plot plot = plot(row);
    if (test == DriftTest.KS || test == DriftTest.WASSERSTEIN) {
      return Optional.of(continuous(row, n, refN, plot, followUp));
    }
    DriftStatistic s = reference.fromCounts(test, unionBoundaries, unionCounts(row), 0, 0);
    return Optional.of(result(s.statistic(), s.pValue(), true, 0, refN, n, plot));
  }

  private DriftResult continuous(Row row, long n, long refN, DriftResult.Plot plot, DriftFollowUp followUp) {
    double sigma = reference.sigma();
    boolean refExact = refValues.isPresent() || grid.isPoints();
    Optional<double[]> cur = refExact ? followUp.values(column, n) : Optional.empty();
    if (cur.isPresent()) {
      double[] rv = refValues.orElse(grid.grid());
      double[] rw = refValues.isPresent() ? ones(rv.length) : Counts.doubles(refGridCounts);
      double[] cv = cur.get();
      if (test == DriftTest.KS) {
        KsTest.Result r = KsTest.fromStatistic(ks(rv, rw, cv), refN, cv.length);
        return result(r.statistic(), r.pValue(), true, 0, refN, n, plot);
      }
      return result(Wasserstein.distance(rv, rw, cv, ones(cv.length)) / sigma, Double.NaN, true, 0, refN, n, plot);
    }
    double belowSum = row.isNull(below) ? 0 : row.number(below);
    double aboveSum = row.isNull(above) ? 0 : row.number(above);
    DriftStatistic s = reference.fromCounts(test, unionBoundaries, unionCounts(row), belowSum, aboveSum);
    return result(s.statistic(), s.pValue(), s.exact(), s.bound(), refN, n, plot);
  }

  /** sup |F_ref − F_cur| for weighted sorted reference values and sorted current values. */
  static double ks(double[] rv, double[] rw, double[] cv) {
    double rTotal = Arrays.stream(rw).sum();
    int i = 0;
    int j = 0;
    double r = 0;
    double d = 0;
    while (i < rv.length || j < cv.length) {
      double v = Math.min(i < rv.length ? rv[i] : Double.POSITIVE_INFINITY, j < cv.length ? cv[j] : Double.POSITIVE_INFINITY);
      while (i < rv.length && rv[i] <= v) {
        r += rw[i++];
      }
      while (j < cv.length && cv[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs(r / rTotal - (double) j / cv.length));
    }
    return d;
  }

  private DriftResult.Plot plot(Row row) {
    Histogram h = ns.equalWidth();
    List<Double> e = h.edges();
    long[] cur = view(row, plotBoundaries());
    long[] ref = new long[cur.length];
    List<String> labels = new ArrayList<>();
    labels.add("< " + num(e.get(0)));
    for (int i = 0; i < h.bins(); i++) {
      ref[i + 1] = h.counts().get(i);
      labels.add((i == 0 ? "[" : "(") + num(e.get(i)) + ", " + num(e.get(i + 1)) + "]");
    }
    labels.add("> " + num(e.get(e.size() - 1)));
    return DriftResult.Plot.of(new Counts(labels, ref, cur));
  }

  static long[] decode(List<Double> boundaries, Map<Object, Long> buckets) {
    Map<Double, Long> byUpper = new TreeMap<>();
    buckets.forEach((k, v) -> byUpper.merge(((Number) k).doubleValue(), v, Long::sum));
    long[] out = new long[boundaries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byUpper.getOrDefault(boundaries.get(i), 0L);
    }
    return out;
  }

  static String num(double v) {
    return NumericReference.label(v);
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1);
    return o;
  }

  @Override
  String skipReason() {
    return skip;
  }
}
