package dev.kiln.serve.drift;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftStatistic;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.drift.NumericReference;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric feature: current values are counted on {@link NumericReference#boundaries()} (the
 * reference grid and its deciles, DuckDB's (previous, boundary] buckets, found by binary
 * search), values beyond the reference's range summed, exactly as kiln-data's scan counts them.
 */
record NumericFeature(String name, NumericReference reference, List<Double> union, double[] boundaries,
    DriftTest test, double threshold) implements FeatureReference {

  static NumericFeature of(String name, NumericReference reference, DriftTest test, double threshold) {
    List<Double> union = reference.boundaries();
    return new NumericFeature(name, reference, union, union.stream().mapToDouble(Double::doubleValue).toArray(), test,
        threshold);
  }

  @Override
  public Sketch sketch() {
    return new Buckets(this, new long[boundaries.length], 0, 0, 0);
  }

  @Override
  public int cells() {
    return boundaries.length;
  }

  @Override
  public FeatureDrift test(Sketch s) {
    Buckets c = (Buckets) s;
    if (c.rows == 0) {
      return new FeatureDrift(name, test.label(), Double.NaN, threshold, false, Double.NaN, 0);
    }
    DriftStatistic d = reference.fromCounts(test, union, c.buckets, c.belowSum, c.aboveSum);
    double psi = test == DriftTest.PSI ? d.statistic() : reference.deciles(union, c.buckets).test(DriftTest.PSI)[0];
    return new FeatureDrift(name, test.label(), d.score(), threshold, d.drifted(threshold), psi, c.rows);
  }

  /** By value when the reference has few values, else on its deciles: as the count tests see them. */
  @Override
  public Counts counts(Sketch s) {
    return reference.counts(union, ((Buckets) s).buckets);
  }

  /** Counts per bucket of the union, and the sums below and above the reference's range. */
  static final class Buckets implements Sketch {
    private final NumericFeature f;
    private final long[] buckets;
    private long rows;
    private double belowSum;
    private double aboveSum;

    Buckets(NumericFeature f, long[] buckets, long rows, double belowSum, double aboveSum) {
      this.f = f;
      this.buckets = buckets;
      this.rows = rows;
      this.belowSum = belowSum;
      this.aboveSum = aboveSum;
    }

    @Override
    public void add(double v) {
      if (Double.isNaN(v)) {
        return;
      }
      int i = Arrays.binarySearch(f.boundaries, v);
      buckets[i >= 0 ? i : -i - 1]++;
      rows++;
      if (v < f.reference.min()) {
        belowSum += v;
      } else if (v > f.reference.max()) {
        aboveSum += v;
      }
    }

    @Override
    public void add(String v) {
      if (v != null) {
        try {
          add(Double.parseDouble(v));
        } catch (NumberFormatException e) {
          // not a number: missing for a numeric feature
        }
      }
    }

    @Override
    public long rows() {
      return rows;
    }

    @Override
    public Sketch copy() {
      return new Buckets(f, buckets.clone(), rows, belowSum, aboveSum);
    }
  }
}
