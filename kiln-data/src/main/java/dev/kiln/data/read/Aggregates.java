package dev.kiln.data.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Many aggregate expressions fused into one {@code SELECT … FROM data}: one scan computes them
 * all. Add expressions, remember their slots, run once, read the {@link Row} by slot.
 *
 * <p>{@link #run(DataSource)} keeps to DuckDB's memory limit: aggregates that would not fit one
 * query (many columns, see {@link ScanGroups}) run as several, over the data set read once into a
 * table ({@link DataSource#materialize}); a query DuckDB still cannot fit is split in halves, and a
 * single aggregate that cannot fit fails with a message naming its columns and the limit to raise.
 * The row is the same either way.
 */
public final class Aggregates {
  private final List<String> expressions = new ArrayList<>();
  private final Map<String, Integer> slots = new HashMap<>();

  /** Adds an aggregate expression and returns its slot in the result row (the same slot for a repeat). */
  public int add(String expression) {
    Integer existing = slots.get(expression);
    if (existing != null) {
      return existing;
    }
    expressions.add(expression);
    slots.put(expression, expressions.size() - 1);
    return expressions.size() - 1;
  }

  public boolean isEmpty() {
    return expressions.isEmpty();
  }

  public int size() {
    return expressions.size();
  }

  /** The fused query over {@code from} (a view, table or table function). */
  public String sql(String from) {
    return sql(from, all());
  }

  private String sql(String from, List<Integer> slots) {
    StringBuilder sb = new StringBuilder("SELECT ");
    for (int i = 0; i < slots.size(); i++) {
      sb.append(i == 0 ? "" : ",\n  ").append(expressions.get(slots.get(i))).append(" AS a").append(slots.get(i));
    }
    return sb.append("\nFROM ").append(from).toString();
  }

  /** Runs the fused query; SQL errors surface as {@link DataReadException} naming {@code what}. */
  public Row run(Connection connection, String from, String what) {
    Object[] values = new Object[expressions.size()];
    if (values.length > 0) {
      try {
        query(connection, from, what, all(), values);
      } catch (SQLException e) {
        throw DataErrors.translate(what, e);
      }
    }
    return new Row(values);
  }

  /** Runs the aggregates over {@code data}'s view, in as many queries as its memory limit needs. */
  public Row run(DataSource data) {
    Object[] values = new Object[expressions.size()];
    long budget = ScanGroups.budget(EngineSettings.memoryBytes());
    List<List<Integer>> groups = ScanGroups.split(expressions, budget);
    if (groups.size() == 1) {
      runFitting(data, data.connection(), groups.get(0), values);
    } else if (groups.size() > 1) {
      data.materialize();
      // queries running at once share the limit
      groups = ScanGroups.split(expressions, budget / GroupedScan.parallelism(groups.size()));
      GroupedScan.run(data, groups, (c, g) -> runFitting(data, c, g, values));
    }
    return new Row(values);
  }

  private void runFitting(DataSource data, Connection c, List<Integer> slots, Object[] values) {
    try {
      query(c, DataSource.VIEW, data.location(), slots, values);
    } catch (SQLException e) {
      if (!DataErrors.outOfMemory(e)) {
        throw DataErrors.translate(data.location(), e);
      }
      if (slots.size() == 1) {
        throw DataErrors.outOfMemory(data.location(), ScanGroups.columns(expressions.get(slots.get(0))), e);
      }
      int half = slots.size() / 2;
      runFitting(data, c, slots.subList(0, half), values);
      runFitting(data, c, slots.subList(half, slots.size()), values);
    }
  }

  private List<Integer> all() {
    return IntStream.range(0, expressions.size()).boxed().toList();
  }

  private void query(Connection connection, String from, String what, List<Integer> slots, Object[] values)
      throws SQLException {
    long t = Trace.start();
    String sql = sql(from, slots);
    try (Statement s = connection.createStatement(); ResultSet rs = ScanProgress.executeQuery(s, sql, what)) {
      rs.next();
      for (int i = 0; i < slots.size(); i++) {
        values[slots.get(i)] = Row.plain(rs.getObject(i + 1));
      }
      Trace.end(t, "fused scan of " + slots.size() + " aggregates", sql);
    }
  }
}
