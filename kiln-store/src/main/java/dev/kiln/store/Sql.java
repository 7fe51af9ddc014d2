package dev.kiln.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Small JDBC helpers for nullable columns. */
final class Sql {
  private Sql() {}

  static void setNullableLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static void setNullableInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  static void setNullableBool(PreparedStatement ps, int i, Boolean v) throws SQLException {
    setNullableInt(ps, i, v == null ? null : v ? 1 : 0);
  }

  /** NaN has no SQL value that both back ends keep (SQLite turns it into NULL): it is stored as NULL. */
  static void setDoubleOrNull(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  /** The column's value, NaN for NULL. */
  static double doubleOrNaN(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? Double.NaN : v;
  }

  static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    setNullableLong(ps, i, t == null ? null : t.toEpochMilli());
  }

  static Long nullableLong(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  static Integer nullableInt(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  static Boolean nullableBool(ResultSet rs, String col) throws SQLException {
    Integer v = nullableInt(rs, col);
    return v == null ? null : v != 0;
  }

  /** Rows of (digest, kind) as a sorted map. */
  static java.util.Map<dev.kiln.core.hash.Digest, dev.kiln.core.artifact.Output.Kind> digestKinds(
      java.sql.Connection c, String sql) throws SQLException {
    java.util.Map<dev.kiln.core.hash.Digest, dev.kiln.core.artifact.Output.Kind> out = new java.util.TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(new dev.kiln.core.hash.Digest(rs.getString(1)), dev.kiln.core.artifact.Output.Kind.valueOf(rs.getString(2)));
      }
    }
    return out;
  }

  static Instant instant(ResultSet rs, String col) throws SQLException {
    Long v = nullableLong(rs, col);
    return v == null ? null : Instant.ofEpochMilli(v);
  }
}
