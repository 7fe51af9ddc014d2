package dev.kiln.data.read;

/** A column of a data set: its name, DuckDB type, and whether Kiln treats it as numeric. */
public record ColumnInfo(String name, String sqlType, Kind kind) {

  /** How Kiln treats a column's values. */
  public enum Kind { NUMERIC, BOOLEAN, TEXT, TEMPORAL }

  static Kind kindOf(String sqlType) {
    String t = sqlType.toUpperCase(java.util.Locale.ROOT);
    if (t.equals("BOOLEAN")) {
      return Kind.BOOLEAN;
    }
    if (t.startsWith("DATE") || t.startsWith("TIME")) {
      return Kind.TEMPORAL;
    }
    if (t.matches("(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)")) {
      return Kind.NUMERIC;
    }
    return Kind.TEXT;
  }
}
