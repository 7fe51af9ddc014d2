package dev.kiln.data.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data set held in memory by column, for models: numeric and boolean columns as
 * {@code double[]} (NaN = missing; booleans 1/0), the rest as {@code String[]} (null = missing).
 */
public final class Frame {
  private final int rows;
  private final List<ColumnInfo> columns;
  private final Map<String, double[]> numeric;
  private final Map<String, String[]> text;

  Frame(int rows, List<ColumnInfo> columns, Map<String, double[]> numeric, Map<String, String[]> text) {
    this.rows = rows;
    this.columns = List.copyOf(columns);
    this.numeric = new LinkedHashMap<>(numeric);
    this.text = new LinkedHashMap<>(text);
  }

  public int rows() {
    return rows;
  }

  public List<ColumnInfo> columns() {
    return columns;
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean isNumeric(String name) {
    return numeric.containsKey(name);
  }

  /** Values of a numeric or boolean column; NaN where missing. */
  public double[] numbers(String name) {
    double[] v = numeric.get(name);
    if (v == null) {
      throw new IllegalArgumentException("column '" + name + "' is not numeric");
    }
    return v;
  }

  /** Values of any column as text; null where missing. Numbers print as DuckDB would. */
  public String[] strings(String name) {
    String[] v = text.get(name);
    if (v != null) {
      return v;
    }
    double[] d = numbers(name);
    String[] out = new String[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = Double.isNaN(d[i]) ? null : (d[i] == Math.rint(d[i]) && Math.abs(d[i]) < 1e15
          ? Long.toString((long) d[i]) : Double.toString(d[i]));
    }
    return out;
  }
}
