package dev.kiln.model.slice;

import dev.kiln.model.features.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits rows by the values of a column. Text columns and numeric columns with at most
 * {@link #MAX_DISTINCT} distinct values slice by value; other numeric columns by quantile bins
 * {@code [lo,hi)} (the last one closed), with edges at the 20th, 40th, … percentile of the
 * data (duplicates merged). Missing values form the slice {@code (missing)}.
 */
public final class Slicer {
  public static final int MAX_DISTINCT = 10;
  public static final int BINS = 5;
  public static final String MISSING = "(missing)";

  private Slicer() {}

  public static List<Slice> slices(Columns data, String column) {
    if (!data.has(column)) {
      throw new IllegalArgumentException("the data has no column '" + column + "' to slice by");
    }
    var numbers = data.numbers(column);
    if (numbers.isPresent() && distinct(numbers.get()) > MAX_DISTINCT) {
      return binned(column, numbers.get());
    }
    return byValue(column, data.strings(column));
  }

  private static long distinct(double[] v) {
    return Arrays.stream(v).filter(d -> !Double.isNaN(d)).distinct().limit(MAX_DISTINCT + 1).count();
  }

  private static List<Slice> byValue(String column, String[] values) {
    Map<String, List<Integer>> rows = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      rows.computeIfAbsent(values[i] == null ? MISSING : values[i], k -> new ArrayList<>()).add(i);
    }
    List<Slice> out = new ArrayList<>();
    rows.forEach((v, r) -> out.add(new Slice(column, v, r.stream().mapToInt(Integer::intValue).toArray())));
    return out;
  }

  private static List<Slice> binned(String column, double[] v) {
    double[] edges = edges(v);
    List<List<Integer>> rows = new ArrayList<>();
    for (int b = 0; b < edges.length - 1; b++) {
      rows.add(new ArrayList<>());
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        missing.add(i);
      } else {
        rows.get(bin(edges, v[i])).add(i);
      }
    }
    List<Slice> out = new ArrayList<>();
    for (int b = 0; b < rows.size(); b++) {
      String close = b == rows.size() - 1 ? "]" : ")";
      String label = "[" + fmt(edges[b]) + "," + fmt(edges[b + 1]) + close;
      out.add(new Slice(column, label, rows.get(b).stream().mapToInt(Integer::intValue).toArray()));
    }
    if (!missing.isEmpty()) {
      out.add(new Slice(column, MISSING, missing.stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /** Min, the inner quantiles, max; duplicates merged. */
  static double[] edges(double[] v) {
    double[] sorted = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    TreeSet<Double> edges = new TreeSet<>();
    edges.add(sorted[0]);
    for (int q = 1; q < BINS; q++) {
      edges.add(sorted[(int) Math.floor((double) q * (sorted.length - 1) / BINS)]);
    }
    edges.add(sorted[sorted.length - 1]);
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int bin(double[] edges, double x) {
    for (int b = 1; b < edges.length - 1; b++) {
      if (x < edges[b]) {
        return b - 1;
      }
    }
    return edges.length - 2;
  }

  private static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    String s = String.format(java.util.Locale.ROOT, "%.4g", d);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
