package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.stats.drift.DriftTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a suite compares the data with its reference: which columns, which test per column (the
 * Evidently default when unset), thresholds, the share of drifted columns that makes the data set
 * drift, the label column, and what schema changes count as. {@code reference} or {@code profile}
 * name the baseline unless the command line does.
 */
public record DriftConfig(
    Optional<String> reference,
    Optional<String> profile,
    Optional<List<String>> columns,
    List<String> ignore,
    Optional<String> label,
    Severity labelSeverity,
    double share,
    Severity shareSeverity,
    Severity columnSeverity,
    Optional<DriftTest> numericTest,
    Optional<DriftTest> categoricalTest,
    Map<String, ColumnDrift> perColumn,
    SchemaPolicy schema) {

  /** Dataset drift when at least this share of columns drift (Evidently). */
  public static final double DEFAULT_SHARE = 0.5;

  public static final DriftConfig DEFAULT = new DriftConfig(Optional.empty(), Optional.empty(), Optional.empty(),
      List.of(), Optional.empty(), Severity.WARNING, DEFAULT_SHARE, Severity.ERROR, Severity.WARNING,
      Optional.empty(), Optional.empty(), Map.of(), SchemaPolicy.DEFAULT);

  public DriftConfig {
    columns = columns.map(List::copyOf);
    ignore = List.copyOf(ignore);
    perColumn = Map.copyOf(perColumn);
  }

  /** Per-column overrides: test, threshold, severity. */
  public record ColumnDrift(Optional<DriftTest> test, OptionalDouble threshold, Optional<Severity> severity) {}

  /**
   * What each kind of schema change counts as: an error, a warning, or nothing (empty). Defaults:
   * missing columns and type changes are errors, new columns and new categories warnings.
   */
  public record SchemaPolicy(
      Optional<Severity> missingColumns,
      Optional<Severity> newColumns,
      Optional<Severity> typeChanges,
      Optional<Severity> newCategories) {
    public static final SchemaPolicy DEFAULT = new SchemaPolicy(Optional.of(Severity.ERROR),
        Optional.of(Severity.WARNING), Optional.of(Severity.ERROR), Optional.of(Severity.WARNING));
  }

  public DriftConfig withReference(String ref) {
    return new DriftConfig(Optional.of(ref), Optional.empty(), columns, ignore, label, labelSeverity, share,
        shareSeverity, columnSeverity, numericTest, categoricalTest, perColumn, schema);
  }

  public DriftConfig withProfile(String p) {
    return new DriftConfig(Optional.empty(), Optional.of(p), columns, ignore, label, labelSeverity, share,
        shareSeverity, columnSeverity, numericTest, categoricalTest, perColumn, schema);
  }

  public DriftConfig withLabel(String l) {
    return new DriftConfig(reference, profile, columns, ignore, Optional.of(l), labelSeverity, share,
        shareSeverity, columnSeverity, numericTest, categoricalTest, perColumn, schema);
  }
}
