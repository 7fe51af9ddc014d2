package dev.kiln.stats;

/** The chi-squared distribution with {@code df} degrees of freedom. */
public final class ChiSquared {
  private ChiSquared() {}

  public static double cdf(double x, double df) {
    return Gamma.p(df / 2, x / 2);
  }

  /** P(X > x), as {@code scipy.stats.chi2.sf}. */
  public static double sf(double x, double df) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    return Gamma.q(df / 2, x / 2);
  }
}
