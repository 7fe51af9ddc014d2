package dev.kiln.data.read;

import dev.kiln.stats.profile.DataType;
import java.util.List;
import java.util.stream.Collectors;

/** SQL text for DuckDB: quoted identifiers and literals, exact double literals, value expressions. */
public final class Sql {
  private Sql() {}

  /** {@code "name"}, with embedded quotes doubled. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code 'text'}, with embedded quotes doubled. */
  public static String text(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A DOUBLE literal that parses back to exactly {@code v} (shortest round-trip digits). */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "'nan'::DOUBLE";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "'inf'::DOUBLE" : "'-inf'::DOUBLE";
    }
    return "'" + v + "'::DOUBLE";
  }

  /** A {@code DOUBLE[]} literal. */
  public static String numbers(List<Double> values) {
    return values.stream().map(Sql::number).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A {@code VARCHAR[]} literal. */
  public static String texts(List<String> values) {
    return values.stream().map(Sql::text).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * The expression that gives a column's values the way statistics see them: numbers as DOUBLE,
   * dates and timestamps as epoch seconds, booleans and text as VARCHAR.
   */
  public static String value(ColumnInfo column) {
    String c = ident(column.name());
    DataType t = column.type();
    if (t.numeric()) {
      return "CAST(" + c + " AS DOUBLE)";
    }
    if (t.temporal()) {
      return "CAST(epoch(" + c + ") AS DOUBLE)";
    }
    return t == DataType.STRING ? c : "CAST(" + c + " AS VARCHAR)";
  }

  /** True when {@link #value} yields numbers. */
  public static boolean numericValue(ColumnInfo column) {
    return column.type().numeric() || column.type().temporal();
  }
}
