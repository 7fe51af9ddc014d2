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

  /**
   * A {@code DOUBLE[]} constant that parses back to exactly {@code values}: one text literal cast
   * to {@code DOUBLE[]}. DuckDB binds a list of a thousand {@link #number} literals in about 0.1 s
   * (each element is an expression); the cast of one string takes about a millisecond, which is what
   * keeps a profile of 1,500 columns (three such lists per column) from spending minutes in the binder.
   */
  public static String numbers(List<Double> values) {
    return values.stream().map(Sql::element).collect(Collectors.joining(", ", "CAST('[", "]' AS DOUBLE[])"));
  }

  private static String element(Double v) {
    return v.isNaN() ? "nan" : v.isInfinite() ? (v > 0 ? "inf" : "-inf") : v.toString();
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
