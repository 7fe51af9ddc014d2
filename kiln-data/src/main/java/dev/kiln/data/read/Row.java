package dev.kiln.data.read;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One result row of fused aggregates, read by slot; lists and maps arrive as plain Java values. */
public record Row(Object[] values) {

  public Object get(int slot) {
    return values[slot];
  }

  public boolean isNull(int slot) {
    return values[slot] == null;
  }

  /** A number; NaN when the aggregate is NULL (no values). Booleans count as 1 and 0. */
  public double number(int slot) {
    Object v = values[slot];
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(v.toString());
  }

  /** A count; 0 when NULL. */
  public long count(int slot) {
    Object v = values[slot];
    return v == null ? 0 : ((Number) v).longValue();
  }

  public String text(int slot) {
    Object v = values[slot];
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(int slot) {
    Object v = values[slot];
    return v == null ? List.of() : (List<Object>) v;
  }

  public List<Double> doubles(int slot) {
    List<Double> out = new ArrayList<>();
    for (Object o : list(slot)) {
      out.add(o == null ? Double.NaN : ((Number) o).doubleValue());
    }
    return out;
  }

  /** A DuckDB MAP (such as a {@code histogram}) with counts as longs; keys as DuckDB returned them. */
  @SuppressWarnings("unchecked")
  public Map<Object, Long> counts(int slot) {
    Object v = values[slot];
    Map<Object, Long> out = new LinkedHashMap<>();
    if (v != null) {
      ((Map<Object, Object>) v).forEach((k, c) -> out.put(k, ((Number) c).longValue()));
    }
    return out;
  }

  static Object plain(Object o) throws SQLException {
    if (o instanceof java.sql.Array a) {
      List<Object> out = new ArrayList<>();
      for (Object e : (Object[]) a.getArray()) {
        out.add(plain(e));
      }
      return out;
    }
    if (o instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(plain(e.getKey()), plain(e.getValue()));
      }
      return out;
    }
    return o;
  }
}
