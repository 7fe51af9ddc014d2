package dev.kiln.stats;

/**
 * Distances between two distributions over the same bins: PSI, Kullback–Leibler and
 * Jensen–Shannon, with SciPy's conventions ({@code scipy.stats.entropy},
 * {@code scipy.spatial.distance.jensenshannon}, natural logarithm). Inputs are counts or shares;
 * each is normalised to sum to 1.
 */
public final class Divergence {
  /** The share an empty bin gets before PSI or KL (Evidently, mwburke): 1e-4. */
  public static final double EMPTY_BIN_SHARE = 1e-4;

  private Divergence() {}

  /** Counts or weights scaled to sum to 1. */
  public static double[] shares(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = total == 0 ? 0 : weights[i] / total;
    }
    return out;
  }

  public static double[] shares(long[] counts) {
    double[] w = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      w[i] = counts[i];
    }
    return shares(w);
  }

  /** Shares with every empty bin set to {@link #EMPTY_BIN_SHARE} (other bins unchanged). */
  public static double[] floorEmpty(double[] shares) {
    double[] out = shares.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = EMPTY_BIN_SHARE;
      }
    }
    return out;
  }

  /**
   * Population stability index Σ (cur − ref)·ln(cur / ref) over shares whose empty bins were
   * floored at 1e-4. Symmetric in its arguments.
   */
  public static double psi(double[] reference, double[] current) {
    double[] r = floorEmpty(shares(reference));
    double[] c = floorEmpty(shares(current));
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += (c[i] - r[i]) * Math.log(c[i] / r[i]);
    }
    return sum;
  }

  /** KL(p ‖ q) = Σ p ln(p/q), as {@code scipy.stats.entropy(p, q)}; infinite where q = 0 &lt; p. */
  public static double kl(double[] p, double[] q) {
    double[] a = shares(p);
    double[] b = shares(q);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += relEntr(a[i], b[i]);
    }
    return sum;
  }

  /** KL divergence of the current from the reference with empty bins floored, as Evidently's {@code kl_div}. */
  public static double klFloored(double[] reference, double[] current) {
    return kl(floorEmpty(shares(reference)), floorEmpty(shares(current)));
  }

  /** Jensen–Shannon distance √((KL(p‖m) + KL(q‖m)) / 2), m = (p + q)/2, natural log. */
  public static double jensenShannon(double[] p, double[] q) {
    double[] a = shares(p);
    double[] b = shares(q);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double m = (a[i] + b[i]) / 2;
      sum += relEntr(a[i], m) + relEntr(b[i], m);
    }
    return Math.sqrt(Math.max(0, sum / 2));
  }

  /** x·ln(x/y), 0 when x = 0, ∞ when y = 0 &lt; x ({@code scipy.special.rel_entr}). */
  static double relEntr(double x, double y) {
    if (x == 0 && y >= 0) {
      return 0;
    }
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    return Double.POSITIVE_INFINITY;
  }
}
