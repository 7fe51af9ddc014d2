package dev.kiln.data.drift;

import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries after the fused scan: exact values of small columns, and the categories the reference never saw. */
final class DriftFollowUp {
  private final DataSource data;

  DriftFollowUp(DataSource data) {
    this.data = data;
  }

  /** The sorted values of a numeric column, when it has at most {@link Reference#EXACT_LIMIT} of them. */
  Optional<double[]> values(String column, long count) {
    if (count > Reference.EXACT_LIMIT) {
      return Optional.empty();
    }
    ColumnInfo c = data.column(column).orElseThrow();
    return Optional.of(Reference.values(data, c));
  }

  /** The most frequent values of {@code column} outside {@code known}, with counts ("value (n)"). */
  List<String> newCategories(ColumnInfo column, List<String> known) {
    String v = Sql.value(column);
    String sql = "SELECT " + v + ", count(*) AS n FROM " + DataSource.VIEW + " WHERE " + v + " IS NOT NULL"
        + (known.isEmpty() ? "" : " AND " + v + " NOT IN (" + String.join(", ", known.stream().map(Sql::text).toList()) + ")")
        + " GROUP BY 1 ORDER BY n DESC, 1 LIMIT 20";
    List<String> out = new ArrayList<>();
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + " (" + rs.getLong(2) + ")");
      }
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
    return out;
  }
}
