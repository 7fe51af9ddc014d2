package dev.kiln.stats;

/**
 * Pearson's chi-square goodness-of-fit test, as {@code scipy.stats.chisquare(f_obs, f_exp)}:
 * statistic Σ (o − e)² / e with k − 1 degrees of freedom. A category observed but never expected
 * makes the statistic infinite and the p-value 0, as in SciPy.
 */
public final class ChiSquareTest {
  private ChiSquareTest() {}

  /** Statistic and p-value. */
  public record Result(double statistic, double pValue) {}

  public static Result test(double[] observed, double[] expected) {
    if (observed.length != expected.length || observed.length == 0) {
      throw new IllegalArgumentException("chi-square needs as many expected as observed counts, at least one");
    }
    double stat = 0;
    for (int i = 0; i < observed.length; i++) {
      double diff = observed[i] - expected[i];
      if (expected[i] == 0) {
        stat += diff == 0 ? 0 : Double.POSITIVE_INFINITY;
      } else {
        stat += diff * diff / expected[i];
      }
    }
    int df = observed.length - 1;
    double p = df == 0 ? Double.NaN : ChiSquared.sf(stat, df);
    return new Result(stat, p);
  }

  /**
   * Evidently's form: current counts observed against reference counts scaled to the current
   * total, over the union of categories (both arrays index the same categories).
   */
  public static Result againstReference(long[] reference, long[] current) {
    double nRef = sum(reference);
    double nCur = sum(current);
    double[] obs = new double[current.length];
    double[] exp = new double[current.length];
    for (int i = 0; i < current.length; i++) {
      obs[i] = current[i];
      exp[i] = reference[i] * (nCur / nRef);
    }
    return test(obs, exp);
  }

  static double sum(long[] a) {
    double s = 0;
    for (long v : a) {
      s += v;
    }
    return s;
  }
}
