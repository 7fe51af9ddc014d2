package dev.kiln.data.read;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Splits the aggregates of a fused scan into queries that fit DuckDB's memory limit. DuckDB
 * reserves memory per aggregate before it reads a row: a {@code count(DISTINCT …)} or a
 * {@code histogram(v)} of values reserves a hash table per thread, so 300 of them fail within
 * 512 MB on 10,000 rows. Each expression has a cost in units (measured on DuckDB 2.0, see
 * docs/benchmarks.md, "Wide data"), a query holds at most {@link #UNITS_PER_512MB} units per
 * 512 MB of limit, and consecutive expressions (a column's aggregates are added together) share a
 * query until the next one would not fit.
 */
final class ScanGroups {
  /** Units per 512 MB of memory limit: 32 distinct counts, 64 quantile sketches or histograms, 256 others. */
  static final int UNITS_PER_512MB = 256;
  private static final long MB_512 = 512L * 1000 * 1000;

  private ScanGroups() {}

  /** The units a query may hold under a memory limit of {@code bytes} (the default limit when unknown). */
  static long budget(OptionalLong bytes) {
    long b = bytes.orElse(MB_512);
    return Math.max(8, (long) ((double) b / MB_512 * UNITS_PER_512MB));
  }

  /**
   * 8 for exact distinct counts and histograms of values (a hash table per thread), 4 for
   * quantiles, quantile sketches and binned histograms (a state per thread that holds values or
   * a thousand bins), 1 for the rest (counts, sums, moments: a few bytes).
   */
  static int cost(String expression) {
    if (expression.contains("DISTINCT") || (expression.contains("histogram(") && !expression.contains("DOUBLE[]"))) {
      return 8;
    }
    if (expression.contains("quantile") || expression.contains("histogram(")) {
      return 4;
    }
    return 1;
  }

  /** Slots of {@code expressions}, in order, cut into runs of at most {@code budget} units (at least one slot each). */
  static List<List<Integer>> split(List<String> expressions, long budget) {
    List<List<Integer>> groups = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long units = 0;
    for (int i = 0; i < expressions.size(); i++) {
      int c = cost(expressions.get(i));
      if (!current.isEmpty() && units + c > budget) {
        groups.add(current);
        current = new ArrayList<>();
        units = 0;
      }
      current.add(i);
      units += c;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /** The columns an expression names: its double-quoted identifiers, in order, once each. */
  static List<String> columns(String expression) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < expression.length()) {
      char ch = expression.charAt(i);
      if (ch == '\'' || ch == '"') {
        int end = closing(expression, i);
        if (ch == '"') {
          String name = expression.substring(i + 1, end).replace("\"\"", "\"");
          if (!out.contains(name)) {
            out.add(name);
          }
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The index of the quote that closes the one at {@code start} (doubled quotes are part of the text). */
  private static int closing(String s, int start) {
    char q = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return s.length();
  }
}
