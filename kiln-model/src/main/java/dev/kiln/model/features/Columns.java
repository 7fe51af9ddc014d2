package dev.kiln.model.features;

import dev.kiln.data.read.Frame;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of data held by column, as a model reads them: numeric columns as {@code double[]}
 * (NaN = missing), the rest as {@code String[]} (null = missing). Built from a kiln-data
 * {@link Frame}, or by hand for one request; {@link #slice} takes rows out without copying names.
 */
public final class Columns {
  private final int rows;
  private final Map<String, double[]> numeric;
  private final Map<String, String[]> text;

  private Columns(int rows, Map<String, double[]> numeric, Map<String, String[]> text) {
    this.rows = rows;
    this.numeric = numeric;
    this.text = text;
  }

  /** The columns of a frame, numeric where the reader found numbers or booleans. */
  public static Columns of(Frame frame) {
    Map<String, double[]> numeric = new LinkedHashMap<>();
    Map<String, String[]> text = new LinkedHashMap<>();
    for (var c : frame.columns()) {
      if (frame.isNumeric(c.name())) {
        numeric.put(c.name(), frame.numbers(c.name()));
      } else {
        text.put(c.name(), frame.strings(c.name()));
      }
    }
    return new Columns(frame.rows(), numeric, text);
  }

  /** Builds columns from arrays; every array must have the same length. */
  public static Columns of(Map<String, double[]> numeric, Map<String, String[]> text) {
    int rows = -1;
    for (double[] v : numeric.values()) {
      rows = checkLength(rows, v.length);
    }
    for (String[] v : text.values()) {
      rows = checkLength(rows, v.length);
    }
    return new Columns(Math.max(rows, 0), new LinkedHashMap<>(numeric), new LinkedHashMap<>(text));
  }

  private static int checkLength(int rows, int length) {
    if (rows >= 0 && rows != length) {
      throw new IllegalArgumentException("columns differ in length: " + rows + " and " + length);
    }
    return length;
  }

  public int rows() {
    return rows;
  }

  public boolean has(String name) {
    return numeric.containsKey(name) || text.containsKey(name);
  }

  public List<String> names() {
    List<String> all = new java.util.ArrayList<>(numeric.keySet());
    all.addAll(text.keySet());
    return all;
  }

  public boolean isNumeric(String name) {
    return numeric.containsKey(name);
  }

  public Optional<double[]> numbers(String name) {
    return Optional.ofNullable(numeric.get(name));
  }

  /** Any column as text (numbers printed as the data reader prints them); null where missing. */
  public String[] strings(String name) {
    String[] t = text.get(name);
    if (t != null) {
      return t;
    }
    double[] d = numeric.get(name);
    if (d == null) {
      throw new IllegalArgumentException("no column '" + name + "'");
    }
    String[] out = new String[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = format(d[i]);
    }
    return out;
  }

  static String format(double d) {
    if (Double.isNaN(d)) {
      return null;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** Rows {@code [from, to)} as their own columns (arrays copied). */
  public Columns slice(int from, int to) {
    Map<String, double[]> n = new LinkedHashMap<>();
    numeric.forEach((k, v) -> n.put(k, Arrays.copyOfRange(v, from, to)));
    Map<String, String[]> t = new LinkedHashMap<>();
    text.forEach((k, v) -> t.put(k, Arrays.copyOfRange(v, from, to)));
    return new Columns(to - from, n, t);
  }

  /** The rows at {@code index}, in that order. */
  public Columns select(int[] index) {
    Map<String, double[]> n = new LinkedHashMap<>();
    numeric.forEach((k, v) -> {
      double[] o = new double[index.length];
      for (int i = 0; i < index.length; i++) {
        o[i] = v[index[i]];
      }
      n.put(k, o);
    });
    Map<String, String[]> t = new LinkedHashMap<>();
    text.forEach((k, v) -> {
      String[] o = new String[index.length];
      for (int i = 0; i < index.length; i++) {
        o[i] = v[index[i]];
      }
      t.put(k, o);
    });
    return new Columns(index.length, n, t);
  }
}
