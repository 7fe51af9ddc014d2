package dev.kiln.data.drift;

import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.Profile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The baseline drift compares with: a {@link Profile}, plus the raw numeric values of columns
 * small enough to keep ({@link #EXACT_LIMIT}) when the reference is a data set rather than a saved
 * profile. With raw values on both sides, drift statistics are exact; otherwise they are computed
 * from bins and state their bound.
 */
public record Reference(String source, Profile profile, Map<String, double[]> values) {
  /** Columns with at most this many values are compared exactly. */
  public static final int EXACT_LIMIT = 100_000;

  public Reference {
    values = Map.copyOf(values);
  }

  public static Reference of(Profile profile, String source) {
    return new Reference(source, profile, Map.of());
  }

  /** Values one query of {@link #values(DataSource, List)} reads at most (rows times columns). */
  static final long BATCH_VALUES = 4_000_000;

  /** Profiles a reference data set and keeps the values of its small numeric columns. */
  public static Reference load(DataSource data) {
    Profile p = Profiler.profile(data);
    List<ColumnInfo> small = new ArrayList<>();
    for (ColumnInfo c : data.columns()) {
      long n = p.column(c.name()).map(cp -> cp.nonMissing()).orElse(0L);
      if (Sql.numericValue(c) && n > 0 && n <= EXACT_LIMIT) {
        small.add(c);
      }
    }
    Map<String, double[]> raw = new HashMap<>();
    int batch = batchColumns(p.rows());
    for (int i = 0; i < small.size(); i += batch) {
      raw.putAll(values(data, small.subList(i, Math.min(small.size(), i + batch)), p.rows()));
    }
    return new Reference(data.location(), p, raw);
  }

  /** Columns of {@code rows} values one query reads together. */
  static int batchColumns(long rows) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, BATCH_VALUES / Math.max(1, rows)));
  }

  public Optional<double[]> valuesOf(String column) {
    return Optional.ofNullable(values.get(column));
  }

  /**
   * The sorted non-missing values of numeric columns, by name, read in one scan (a wide data set
   * has a thousand such columns: one query each would bind the table a thousand times);
   * {@code expected} values per column are room made in advance.
   */
  static Map<String, double[]> values(DataSource data, List<ColumnInfo> cols, long expected) {
    String sql = cols.stream().map(Sql::value).collect(Collectors.joining(", ", "SELECT ", " FROM " + DataSource.VIEW));
    double[][] out = new double[cols.size()][(int) Math.min(Math.max(expected, 16), EXACT_LIMIT)];
    int[] n = new int[cols.size()];
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        for (int j = 0; j < out.length; j++) {
          double d = rs.getDouble(j + 1);
          if (rs.wasNull() || Double.isNaN(d)) {
            continue;
          }
          if (n[j] == out[j].length) {
            out[j] = Arrays.copyOf(out[j], n[j] * 2);
          }
          out[j][n[j]++] = d;
        }
      }
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
    Map<String, double[]> byName = new HashMap<>();
    for (int j = 0; j < out.length; j++) {
      double[] v = n[j] == out[j].length ? out[j] : Arrays.copyOf(out[j], n[j]);
      Arrays.sort(v);
      byName.put(cols.get(j).name(), v);
    }
    return byName;
  }
}
