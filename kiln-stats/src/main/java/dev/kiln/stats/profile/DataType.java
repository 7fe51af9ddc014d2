package dev.kiln.stats.profile;

import java.util.Locale;
import java.util.Optional;

/**
 * The types check suites and profiles speak of, independent of the engine: {@code integer},
 * {@code float}, {@code string}, {@code boolean}, {@code date}, {@code timestamp}. Each DuckDB
 * column type maps to exactly one of them.
 */
public enum DataType {
  INTEGER, FLOAT, STRING, BOOLEAN, DATE, TIMESTAMP;

  /** The name used in YAML and JSON ({@code integer}, {@code float}, …). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Integer and float values. */
  public boolean numeric() {
    return this == INTEGER || this == FLOAT;
  }

  /** Dates and timestamps, compared by time. */
  public boolean temporal() {
    return this == DATE || this == TIMESTAMP;
  }

  public static Optional<DataType> fromLabel(String label) {
    for (DataType t : values()) {
      if (t.label().equals(label.toLowerCase(Locale.ROOT))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type of a DuckDB column type such as {@code BIGINT}, {@code DECIMAL(9,2)}, {@code VARCHAR}. */
  public static DataType ofSql(String sqlType) {
    String t = sqlType.toUpperCase(Locale.ROOT);
    if (t.equals("BOOLEAN")) {
      return BOOLEAN;
    }
    if (t.equals("DATE")) {
      return DATE;
    }
    if (t.startsWith("TIMESTAMP") || t.equals("DATETIME")) {
      return TIMESTAMP;
    }
    if (t.matches("(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|INT[0-9]*)")) {
      return INTEGER;
    }
    if (t.matches("(FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)")) {
      return FLOAT;
    }
    return STRING;
  }
}
