package dev.kiln.stats.profile;

import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics of a numeric column's non-missing values (dates and timestamps in epoch seconds).
 * {@code std} is the sample standard deviation (n − 1), as pandas and Great Expectations report it.
 * {@code quantiles} maps probabilities to values, interpolated linearly as NumPy's default does.
 * {@code quantileBins} are the 10 reference-quantile bins PSI uses; {@code equalWidth} the bins
 * reports plot.
 */
public record NumericSummary(
    double min,
    double max,
    double mean,
    double std,
    Map<Double, Double> quantiles,
    Histogram quantileBins,
    Histogram equalWidth,
    Distribution distribution) {

  public NumericSummary {
    quantiles = java.util.Collections.unmodifiableMap(new TreeMap<>(quantiles));
  }

  /** Population standard deviation (n), as NumPy's {@code std} computes it; Evidently normalises by it. */
  public double populationStd(long n) {
    return n <= 1 ? 0 : std * Math.sqrt((n - 1.0) / n);
  }
}
