package dev.kiln.data.drift;

import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.Profile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

  /** Profiles a reference data set and keeps the values of its small numeric columns. */
  public static Reference load(DataSource data) {
    Profile p = Profiler.profile(data);
    Map<String, double[]> raw = new HashMap<>();
    for (ColumnInfo c : data.columns()) {
      long n = p.column(c.name()).map(cp -> cp.nonMissing()).orElse(0L);
      if (Sql.numericValue(c) && n > 0 && n <= EXACT_LIMIT) {
        raw.put(c.name(), values(data, c));
      }
    }
    return new Reference(data.location(), p, raw);
  }

  public Optional<double[]> valuesOf(String column) {
    return Optional.ofNullable(values.get(column));
  }

  /** The sorted non-missing values of a numeric column. */
  static double[] values(DataSource data, ColumnInfo c) {
    String v = Sql.value(c);
    String sql = "SELECT " + v + " FROM " + DataSource.VIEW + " WHERE " + v + " IS NOT NULL AND NOT isnan(" + v + ")";
    double[] out = new double[1024];
    int n = 0;
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = rs.getDouble(1);
      }
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
    double[] v2 = Arrays.copyOf(out, n);
    Arrays.sort(v2);
    return v2;
  }
}
