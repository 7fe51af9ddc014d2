package dev.kiln.data.check;

import dev.kiln.data.read.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Targeted queries that run after the fused scan, only for checks that need them: exact counts
 * when a cheap test found repeats, and failing values with their row numbers.
 */
final class FollowUp {
  static final String NUMBERED = "(SELECT row_number() OVER () AS __row, * FROM " + DataSource.VIEW + ") AS d";
  private final DataSource data;

  FollowUp(DataSource data) {
    this.data = data;
  }

  long number(String sql) {
    long t = dev.kiln.data.read.Trace.start();
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      dev.kiln.data.read.Trace.end(t, "exact count", sql);
      return rs.getLong(1);
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
  }

  /** Up to 20 rows where {@code condition} holds, with {@code value} rendered as text. */
  List<Sample> samples(String condition, String value) {
    return samplesFrom("SELECT __row, CAST(" + value + " AS VARCHAR) FROM " + NUMBERED + " WHERE " + condition
        + " ORDER BY __row LIMIT " + CheckResult.MAX_SAMPLES);
  }

  List<Sample> samplesFrom(String sql) {
    List<Sample> out = new ArrayList<>();
    long t = dev.kiln.data.read.Trace.start();
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new Sample(rs.getLong(1), rs.getString(2)));
      }
      dev.kiln.data.read.Trace.end(t, "failing values", sql);
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
    return out;
  }

  /** Null when the SQL binds against the data, else DuckDB's first line (a parse or binder error). */
  String bindError(String expression) {
    try (Statement s = data.connection().createStatement()) {
      s.execute("EXPLAIN SELECT " + expression + " FROM " + DataSource.VIEW);
      return null;
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }
}
