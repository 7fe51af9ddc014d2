package dev.kiln.data.drift;

import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries after the fused scan: exact values of small columns, and the categories the reference
 * never saw. Values are read for the asked column and the numeric columns planned after it
 * together ({@link Reference#batchColumns}), and only that window is kept.
 */
final class DriftFollowUp {
  private final DataSource data;
  private final List<String> numeric;
  private final Map<String, double[]> window = new HashMap<>();

  /** {@code numeric}: the numeric drift columns, in the order their values may be asked for. */
  DriftFollowUp(DataSource data, List<String> numeric) {
    this.data = data;
    this.numeric = List.copyOf(numeric);
  }

  /** The sorted values of a numeric column, when it has at most {@link Reference#EXACT_LIMIT} of them. */
  Optional<double[]> values(String column, long count) {
    if (count > Reference.EXACT_LIMIT) {
      return Optional.empty();
    }
    if (!window.containsKey(column)) {
      window.clear();
      int from = Math.max(0, numeric.indexOf(column));
      List<ColumnInfo> cols = new ArrayList<>();
      cols.add(data.column(column).orElseThrow());
      int batch = Reference.batchColumns(count);
      for (int i = from; i < numeric.size() && cols.size() < batch; i++) {
        if (!numeric.get(i).equals(column)) {
          data.column(numeric.get(i)).ifPresent(cols::add);
        }
      }
      window.putAll(Reference.values(data, cols, count));
    }
    return Optional.of(window.remove(column));
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
