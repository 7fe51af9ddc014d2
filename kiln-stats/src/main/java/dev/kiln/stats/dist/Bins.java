package dev.kiln.stats.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bin arithmetic shared by the profiler and drift: edges from quantiles, DuckDB
 * {@code histogram(x, boundaries)} results turned into {@link Histogram}s, coarser bins from
 * finer ones.
 */
public final class Bins {
  private Bins() {}

  /** The strictly increasing distinct values of {@code values} (quantiles repeat under ties). */
  public static double[] distinct(List<Double> values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      if (out.isEmpty() || v > out.get(out.size() - 1)) {
        out.add(v);
      }
    }
    if (out.size() == 1) {
      out.add(Math.nextUp(out.get(0)));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Equally wide bins from {@code lo} to {@code hi}; a single edge pair when the range is empty. */
  public static List<Double> equalWidth(double lo, double hi, int bins) {
    List<Double> edges = new ArrayList<>();
    if (!(hi > lo)) {
      edges.add(lo);
      edges.add(Math.nextUp(lo));
      return edges;
    }
    for (int i = 0; i <= bins; i++) {
      edges.add(i == bins ? hi : lo + (hi - lo) * i / bins);
    }
    return distinctList(edges);
  }

  private static List<Double> distinctList(List<Double> edges) {
    List<Double> out = new ArrayList<>();
    for (double e : distinct(edges)) {
      out.add(e);
    }
    return out;
  }

  /**
   * The boundaries to pass to DuckDB's {@code histogram(x, boundaries)} for bins with these
   * edges: every edge but the first (DuckDB's first bucket already holds everything up to
   * {@code edges[1]}).
   */
  public static List<Double> boundaries(double[] edges) {
    List<Double> b = new ArrayList<>();
    for (int i = 1; i < edges.length; i++) {
      b.add(edges[i]);
    }
    return b;
  }

  /** A histogram from DuckDB's bucket counts keyed by upper boundary (values beyond the last edge dropped). */
  public static Histogram fromBoundaryCounts(double[] edges, Map<Object, Long> buckets) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("need at least two edges");
    }
    Map<Double, Long> byUpper = new TreeMap<>();
    buckets.forEach((k, v) -> byUpper.put(((Number) k).doubleValue(), v));
    List<Double> e = new ArrayList<>();
    List<Long> c = new ArrayList<>();
    e.add(edges[0]);
    for (int i = 1; i < edges.length; i++) {
      e.add(edges[i]);
      c.add(byUpper.getOrDefault(edges[i], 0L));
    }
    return new Histogram(e, c);
  }

  /** Every distinct value with its count, in increasing order. */
  public static Distribution.Points points(Map<Object, Long> counts) {
    Map<Double, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.merge(((Number) k).doubleValue(), v, Long::sum));
    return new Distribution.Points(new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
  }

  /** Counts of exact points in bins with the given edges (values outside the edges dropped). */
  public static Histogram histogram(Distribution.Points pts, List<Double> edges) {
    return histogram(pts, edges.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static Histogram histogram(Distribution.Points pts, double[] edges) {
    long[] counts = new long[edges.length - 1];
    for (int i = 0; i < pts.values().size(); i++) {
      int bin = binOf(edges, pts.values().get(i));
      if (bin >= 0) {
        counts[bin] += pts.counts().get(i);
      }
    }
    return histogram(edges, counts);
  }

  /** The bin of {@code v} under the {@link Histogram} convention, or -1 outside the edges. */
  public static int binOf(double[] edges, double v) {
    if (v < edges[0] || v > edges[edges.length - 1]) {
      return -1;
    }
    int lo = 1;
    int hi = edges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v <= edges[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo - 1;
  }

  /** Sums fine bins into coarser ones whose edges are a subset of the fine edges. */
  public static Histogram coarsen(Histogram fine, double[] coarseEdges) {
    double[] fe = fine.edgeArray();
    long[] counts = new long[coarseEdges.length - 1];
    for (int i = 0; i < fine.bins(); i++) {
      int bin = binOf(coarseEdges, fe[i + 1]);
      if (bin >= 0) {
        counts[bin] += fine.counts().get(i);
      }
    }
    return histogram(coarseEdges, counts);
  }

  static Histogram histogram(double[] edges, long[] counts) {
    List<Double> e = new ArrayList<>();
    for (double d : edges) {
      e.add(d);
    }
    List<Long> c = new ArrayList<>();
    for (long l : counts) {
      c.add(l);
    }
    return new Histogram(e, c);
  }
}
