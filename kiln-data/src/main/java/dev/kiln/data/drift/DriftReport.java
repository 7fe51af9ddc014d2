package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Drift of a data set against its reference: a result per tested column, the label's drift when
 * a label column is named, the share of drifted columns and whether it reaches the data-set
 * threshold (Evidently: drift when share ≥ 0.5), schema changes, and the columns not tested with
 * the reason.
 */
public record DriftReport(
    String reference,
    List<DriftResult> columns,
    Optional<DriftResult> label,
    double shareThreshold,
    Severity shareSeverity,
    List<SchemaChange> schema,
    List<String> skipped) {

  public DriftReport {
    columns = List.copyOf(columns);
    schema = List.copyOf(schema);
    skipped = List.copyOf(skipped);
  }

  public long driftedCount() {
    return columns.stream().filter(DriftResult::drifted).count();
  }

  /** Drifted columns over tested columns (the label excluded); 0 when nothing was tested. */
  public double share() {
    return columns.isEmpty() ? 0 : (double) driftedCount() / columns.size();
  }

  public boolean datasetDrift() {
    return !columns.isEmpty() && share() >= shareThreshold;
  }

  /** Results and changes that fail the validation: dataset drift, error-severity column or label drift, error schema changes. */
  public boolean blocking() {
    return (datasetDrift() && shareSeverity == Severity.ERROR)
        || columns.stream().anyMatch(r -> r.drifted() && r.severity() == Severity.ERROR)
        || label.filter(r -> r.drifted() && r.severity() == Severity.ERROR).isPresent()
        || schema.stream().anyMatch(s -> s.severity() == Severity.ERROR);
  }
}
