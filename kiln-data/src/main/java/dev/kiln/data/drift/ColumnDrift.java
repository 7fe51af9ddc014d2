package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftTest;
import java.util.Optional;

/** One column's drift test compiled into the fused scan. */
abstract class ColumnDrift {
  final String column;
  final DriftTest test;
  final double threshold;
  final Severity severity;
  final boolean label;

  ColumnDrift(String column, DriftTest test, double threshold, Severity severity, boolean label) {
    this.column = column;
    this.test = test;
    this.threshold = threshold;
    this.severity = severity;
    this.label = label;
  }

  abstract void plan(Aggregates scan);

  /** The result, or empty with {@link #skipReason()} set. */
  abstract Optional<DriftResult> finish(Row row, DriftFollowUp followUp);

  abstract String skipReason();

  DriftResult result(double statistic, double pValue, boolean exact, double bound, long refN, long curN,
      DriftResult.Plot plot) {
    double score = test.hasPValue() ? pValue : statistic;
    return new DriftResult(column, test, statistic, Counts.optional(pValue), threshold, test.drifted(score, threshold),
        severity, label, exact, exact ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(bound),
        refN, curN, Optional.ofNullable(plot));
  }
}
