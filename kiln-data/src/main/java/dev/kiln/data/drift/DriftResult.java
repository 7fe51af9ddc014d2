package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.stats.Divergence;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The drift of one column: the test, its statistic and p-value (for tests that have one), the
 * threshold and whether it was crossed. {@code exact} is false when the statistic comes from bins
 * (a large data set or a saved profile); {@code bound} then bounds the statistic's error.
 * {@code plot} holds reference and current shares for reports.
 */
public record DriftResult(
    String column,
    DriftTest test,
    double statistic,
    OptionalDouble pValue,
    double threshold,
    boolean drifted,
    Severity severity,
    boolean label,
    boolean exact,
    OptionalDouble bound,
    long referenceCount,
    long currentCount,
    Optional<Plot> plot) {

  /** Reference and current shares over the same bins or categories. */
  public record Plot(List<String> labels, List<Double> reference, List<Double> current) {
    public Plot {
      labels = List.copyOf(labels);
      reference = List.copyOf(reference);
      current = List.copyOf(current);
    }

    /** The shares of counts over the same bins or categories. */
    static Plot of(Counts counts) {
      double[] r = Divergence.shares(counts.reference());
      double[] c = Divergence.shares(counts.current());
      List<Double> rl = new ArrayList<>();
      List<Double> cl = new ArrayList<>();
      for (int i = 0; i < r.length; i++) {
        rl.add(r[i]);
        cl.add(c[i]);
      }
      return new Plot(counts.labels(), rl, cl);
    }
  }

  /** The number the threshold applies to: the p-value for p-value tests, else the statistic. */
  public double score() {
    return test.hasPValue() ? pValue.orElse(Double.NaN) : statistic;
  }

  public String rule() {
    return test.rule(threshold);
  }
}
