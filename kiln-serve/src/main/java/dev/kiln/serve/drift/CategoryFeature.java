package dev.kiln.serve.drift;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.stats.drift.CategoricalReference;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftStatistic;
import dev.kiln.stats.drift.DriftTest;
import java.util.HashMap;
import java.util.Map;

/**
 * A text or boolean feature: current values are counted per reference category, the rest
 * together, as kiln-data's scan counts them ({@link CategoricalReference}).
 */
record CategoryFeature(String name, CategoricalReference reference, Map<String, Integer> index, boolean bool,
    DriftTest test, double threshold) implements FeatureReference {

  static CategoryFeature of(String name, CategoricalReference reference, boolean bool, DriftTest test,
      double threshold) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < reference.categories().size(); i++) {
      index.put(reference.categories().get(i), i);
    }
    return new CategoryFeature(name, reference, Map.copyOf(index), bool, test, threshold);
  }

  @Override
  public Sketch sketch() {
    return new Tally(this, new long[index.size()], 0);
  }

  @Override
  public int cells() {
    return index.size() + 1;
  }

  @Override
  public FeatureDrift test(Sketch s) {
    Tally t = (Tally) s;
    if (t.rows == 0) {
      return new FeatureDrift(name, test.label(), Double.NaN, threshold, false, Double.NaN, 0);
    }
    Counts counts = counts(t);
    DriftStatistic d = CategoricalReference.test(test, counts);
    double psi = test == DriftTest.PSI ? d.statistic() : counts.test(DriftTest.PSI)[0];
    return new FeatureDrift(name, test.label(), d.score(), threshold, d.drifted(threshold), psi, t.rows);
  }

  @Override
  public Counts counts(Sketch s) {
    Tally t = (Tally) s;
    return reference.counts(t.known, t.rows);
  }

  /** Counts per reference category and of all values. */
  static final class Tally implements Sketch {
    private final CategoryFeature f;
    private final long[] known;
    private long rows;

    Tally(CategoryFeature f, long[] known, long rows) {
      this.f = f;
      this.known = known;
      this.rows = rows;
    }

    /** A boolean feature reaches the model as 1 or 0; its profile speaks of true and false. */
    @Override
    public void add(double v) {
      if (!Double.isNaN(v)) {
        add(f.bool ? Boolean.toString(v != 0) : dev.kiln.stats.drift.NumericReference.label(v));
      }
    }

    @Override
    public void add(String v) {
      if (v == null) {
        return;
      }
      Integer i = f.index.get(v);
      if (i != null) {
        known[i]++;
      }
      rows++;
    }

    @Override
    public long rows() {
      return rows;
    }

    @Override
    public Sketch copy() {
      return new Tally(f, known.clone(), rows);
    }
  }
}
