package dev.kiln.data.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Many aggregate expressions fused into one {@code SELECT … FROM data}: one scan computes them
 * all. Add expressions, remember their slots, run once, read the {@link Row} by slot.
 */
public final class Aggregates {
  private final List<String> expressions = new ArrayList<>();

  /** Adds an aggregate expression and returns its slot in the result row (the same slot for a repeat). */
  public int add(String expression) {
    int existing = expressions.indexOf(expression);
    if (existing >= 0) {
      return existing;
    }
    expressions.add(expression);
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
    StringBuilder sb = new StringBuilder("SELECT ");
    for (int i = 0; i < expressions.size(); i++) {
      sb.append(i == 0 ? "" : ",\n  ").append(expressions.get(i)).append(" AS a").append(i);
    }
    return sb.append("\nFROM ").append(from).toString();
  }

  /** Runs the fused query; SQL errors surface as {@link DataReadException} naming {@code what}. */
  public Row run(Connection connection, String from, String what) {
    if (expressions.isEmpty()) {
      return new Row(new Object[0]);
    }
    long t = Trace.start();
    String sql = sql(from);
    try (Statement s = connection.createStatement(); ResultSet rs = ScanProgress.executeQuery(s, sql, what)) {
      rs.next();
      Object[] values = new Object[expressions.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Row.plain(rs.getObject(i + 1));
      }
      Trace.end(t, "fused scan of " + expressions.size() + " aggregates", sql);
      return new Row(values);
    } catch (SQLException e) {
      throw DataErrors.translate(what, e);
    }
  }
}
