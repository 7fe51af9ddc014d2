package dev.kiln.stats.drift;

import dev.kiln.stats.ChiSquareTest;
import dev.kiln.stats.Divergence;
import dev.kiln.stats.ZTest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reference and current counts over the same categories or bins, and the drift tests that work
 * on counts: chi-square, z, PSI, KL and Jensen–Shannon. Categories absent from the reference are
 * pooled into one "other" bin, which leaves chi-square and Jensen–Shannon unchanged.
 */
public record Counts(List<String> labels, long[] reference, long[] current) {

  /** Drops bins empty on both sides (an empty "other" bin, say). */
  public Counts compact() {
    List<String> l = new ArrayList<>();
    List<long[]> keep = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (reference[i] != 0 || current[i] != 0) {
        l.add(labels.get(i));
        keep.add(new long[] {reference[i], current[i]});
      }
    }
    long[] r = new long[keep.size()];
    long[] c = new long[keep.size()];
    for (int i = 0; i < keep.size(); i++) {
      r[i] = keep.get(i)[0];
      c[i] = keep.get(i)[1];
    }
    return new Counts(l, r, c);
  }

  /** The statistic and p-value of a count-based test. */
  public double[] test(DriftTest test) {
    Counts c = compact();
    switch (test) {
      case CHISQUARE: {
        if (c.labels.size() < 2) {
          return new double[] {0, 1};
        }
        ChiSquareTest.Result r = ChiSquareTest.againstReference(c.reference, c.current);
        return new double[] {r.statistic(), r.pValue()};
      }
      case Z: {
        long refN = sum(c.reference);
        long curN = sum(c.current);
        long refHits = c.reference.length == 0 ? 0 : c.reference[0];
        long curHits = c.current.length == 0 ? 0 : c.current[0];
        ZTest.Result r = ZTest.proportions(refHits, refN, curHits, curN);
        return new double[] {r.statistic(), r.pValue()};
      }
      case PSI:
        return new double[] {Divergence.psi(doubles(c.reference), doubles(c.current)), Double.NaN};
      case KL:
        return new double[] {Divergence.klFloored(doubles(c.reference), doubles(c.current)), Double.NaN};
      case JENSENSHANNON:
        return new double[] {Divergence.jensenShannon(doubles(c.reference), doubles(c.current)), Double.NaN};
      default:
        throw new IllegalArgumentException(test.label() + " does not work on counts");
    }
  }

  public static long sum(long[] a) {
    long s = 0;
    for (long v : a) {
      s += v;
    }
    return s;
  }

  public static double[] doubles(long[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  public static OptionalDouble optional(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
