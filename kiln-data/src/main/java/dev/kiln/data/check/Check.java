package dev.kiln.data.check;

import dev.kiln.data.Severity;
import dev.kiln.stats.profile.DataType;
import java.util.List;
import java.util.Optional;

/**
 * One expectation of a check suite. Each kind is a record; all carry their {@link Meta} (id,
 * severity, {@code mostly}, where the suite defines it). Row-level kinds ({@link RowLevel}) count
 * unexpected values and pass when the share of expected ones is at least {@code mostly}, computed
 * over non-null values (Great Expectations), except {@link NotNull}, {@link Duplicates} and
 * {@link RowPredicate}, which divide by all rows. Aggregate kinds compare one observed number with
 * {@link Bounds}.
 */
public sealed interface Check {

  Meta meta();

  /** The kind as it appears in reports: {@code range}, {@code in_set}, {@code row_count}, … */
  String kind();

  /** The column the check is about; empty for table-level checks. */
  default Optional<String> column() {
    return Optional.empty();
  }

  default String id() {
    return meta().id();
  }

  /** Identity, severity, tolerated share, and where in the suite the check is defined. */
  record Meta(String id, Severity severity, double mostly, int line, int column) {
    public Meta {
      if (!(mostly >= 0 && mostly <= 1)) {
        throw new IllegalArgumentException("mostly must be between 0 and 1, found " + mostly);
      }
    }
  }

  /** Checks that judge every row and count the unexpected ones. */
  sealed interface RowLevel extends Check permits NotNull, TypeIs, Range, InSet, Regex, Length, Unique,
      Duplicates, CompoundUnique, RowPredicate {}

  /** Checks about one named column. */
  sealed interface OnColumn extends Check permits Present, NotNull, TypeIs, Range, InSet, Regex, Length, Unique,
      Statistic, Outliers {
    String name();

    @Override
    default Optional<String> column() {
      return Optional.of(name());
    }
  }

  // ---- table

  /** The number of rows lies within bounds. */
  record RowCount(Meta meta, Bounds bounds) implements Check {
    public String kind() {
      return "row_count";
    }
  }

  /** The data has exactly these columns (any order), or at least these. */
  record Columns(Meta meta, List<String> expected, boolean exact) implements Check {
    public Columns {
      expected = List.copyOf(expected);
    }

    public String kind() {
      return "columns";
    }
  }

  /** No row repeats an earlier row, whole or by {@code key} columns (pandas' {@code duplicated()}). */
  record Duplicates(Meta meta, List<String> key) implements RowLevel {
    public Duplicates {
      key = List.copyOf(key);
    }

    public String kind() {
      return "duplicates";
    }
  }

  /** The combination of these columns is unique; every row of a repeated combination is unexpected. */
  record CompoundUnique(Meta meta, List<String> columns) implements RowLevel {
    public CompoundUnique {
      columns = List.copyOf(columns);
    }

    public String kind() {
      return "unique_combination";
    }
  }

  /** A SQL condition every row satisfies (a row where it is false or NULL is unexpected). */
  record RowPredicate(Meta meta, String sql) implements RowLevel {
    public String kind() {
      return "row_predicate";
    }
  }

  // ---- column schema

  /** The column is (or is not) in the data. */
  record Present(Meta meta, String name, boolean present) implements OnColumn {
    public String kind() {
      return "present";
    }
  }

  /** Values are of the type (a text column passes if its values parse as that type, in {@code format}). */
  record TypeIs(Meta meta, String name, DataType type, Optional<String> format) implements OnColumn, RowLevel {
    public String kind() {
      return "type";
    }
  }

  /** Values are not missing; {@code mostly} is the required share of non-missing values over all rows. */
  record NotNull(Meta meta, String name) implements OnColumn, RowLevel {
    public String kind() {
      return "not_null";
    }
  }

  // ---- values

  record Range(Meta meta, String name, Bounds bounds) implements OnColumn, RowLevel {
    public String kind() {
      return "range";
    }
  }

  record InSet(Meta meta, String name, List<String> values) implements OnColumn, RowLevel {
    public InSet {
      values = List.copyOf(values);
    }

    public String kind() {
      return "in_set";
    }
  }

  /** Values match the regular expression entirely (RE2 syntax, as DuckDB's {@code regexp_full_match}). */
  record Regex(Meta meta, String name, String pattern) implements OnColumn, RowLevel {
    public String kind() {
      return "regex";
    }
  }

  /** Lengths of values (in characters) lie within bounds. */
  record Length(Meta meta, String name, Bounds bounds) implements OnColumn, RowLevel {
    public String kind() {
      return "length";
    }
  }

  /** No value occurs twice; every occurrence of a repeated value is unexpected (Great Expectations). */
  record Unique(Meta meta, String name) implements OnColumn, RowLevel {
    public String kind() {
      return "unique";
    }
  }

  // ---- statistics

  /** Which statistic of a column a {@link Statistic} check bounds. */
  enum Stat {
    MIN, MAX, MEAN, MEDIAN, STD, QUANTILE, DISTINCT, MOST_COMMON_SHARE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Needs numeric values. */
    public boolean numeric() {
      return this != DISTINCT && this != MOST_COMMON_SHARE;
    }
  }

  /** A statistic of the column's non-missing values lies within bounds; {@code q} for quantiles. */
  record Statistic(Meta meta, String name, Stat stat, double q, Bounds bounds) implements OnColumn {
    public String kind() {
      return stat.label();
    }
  }

  /** How outliers are found. */
  enum OutlierMethod { IQR, Z }

  /**
   * The share of values beyond the fences is at most {@code maxShare}: IQR fences
   * Q1 − k·IQR and Q3 + k·IQR (k = 1.5 by default), or |z| &gt; k (k = 3 by default).
   */
  record Outliers(Meta meta, String name, OutlierMethod method, double k, double maxShare) implements OnColumn {
    public String kind() {
      return "outliers";
    }
  }
}
