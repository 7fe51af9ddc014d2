package dev.kiln.stats.drift;

/**
 * What one drift test found for one column: the statistic, its p-value (NaN for the distances),
 * whether it is exact, and otherwise the bound on its error. kiln-data's {@code validate} and the
 * gateway's live windows both report these, computed by the same code.
 */
public record DriftStatistic(DriftTest test, double statistic, double pValue, boolean exact, double bound) {

  /** The number the threshold applies to: the p-value for p-value tests, else the statistic. */
  public double score() {
    return test.hasPValue() ? pValue : statistic;
  }

  public boolean drifted(double threshold) {
    return test.drifted(score(), threshold);
  }
}
