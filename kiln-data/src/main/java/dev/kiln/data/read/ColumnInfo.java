package dev.kiln.data.read;

import dev.kiln.stats.profile.DataType;

/** A column of a data set: its name, DuckDB type, and whether Kiln treats it as numeric. */
public record ColumnInfo(String name, String sqlType, Kind kind) {

  /** How Kiln treats a column's values. */
  public enum Kind { NUMERIC, BOOLEAN, TEXT, TEMPORAL }

  /** The check-suite type of this column ({@code integer}, {@code float}, {@code string}, …). */
  public DataType type() {
    return DataType.ofSql(sqlType);
  }

  static Kind kindOf(String sqlType) {
    DataType t = DataType.ofSql(sqlType);
    if (t == DataType.BOOLEAN) {
      return Kind.BOOLEAN;
    }
    if (t.temporal() || sqlType.toUpperCase(java.util.Locale.ROOT).startsWith("TIME")) {
      return Kind.TEMPORAL;
    }
    return t.numeric() ? Kind.NUMERIC : Kind.TEXT;
  }
}
