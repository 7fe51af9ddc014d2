package dev.kiln.stats.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a numeric column's current values are counted against the reference in the fused scan:
 * DuckDB's {@code histogram(v, boundaries)} over boundaries derived from the reference, decoded
 * into {@link Cells}. With the reference's exact values as the grid, each value gets two
 * boundaries (the value and the double just below it), so counts at and between reference values
 * are exact.
 */
public final class Grid {
  private final double[] boundaries;
  private final boolean points;
  private final double[] grid;

  private Grid(double[] grid, boolean points) {
    this.grid = grid;
    this.points = points;
    List<Double> b = new ArrayList<>();
    if (points) {
      for (double g : grid) {
        b.add(Math.nextDown(g));
        b.add(g);
      }
    } else {
      b.add(Math.nextDown(grid[0]));
      for (int i = 1; i < grid.length; i++) {
        b.add(grid[i]);
      }
    }
    b.add(Double.POSITIVE_INFINITY);
    boundaries = b.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A grid of exact reference values (atoms), increasing. */
  public static Grid points(double[] values) {
    return new Grid(values, true);
  }

  /** A grid of bin edges e0 &lt; … &lt; eB (the first bin closed: [e0, e1]). */
  public static Grid bins(double[] edges) {
    return new Grid(edges, false);
  }

  public List<Double> boundaries() {
    List<Double> out = new ArrayList<>();
    for (double b : boundaries) {
      out.add(b);
    }
    return out;
  }

  public boolean isPoints() {
    return points;
  }

  public double[] grid() {
    return grid.clone();
  }

  /** Counts per bucket (one more than the grid's boundaries), decoded from DuckDB's map. */
  public long[] decode(Map<Object, Long> buckets) {
    Map<Double, Long> byUpper = new TreeMap<>();
    buckets.forEach((k, v) -> byUpper.merge(((Number) k).doubleValue(), v, Long::sum));
    long[] counts = new long[boundaries.length];
    for (int i = 0; i < boundaries.length; i++) {
      counts[i] = byUpper.getOrDefault(boundaries[i], 0L);
    }
    return counts;
  }
}
