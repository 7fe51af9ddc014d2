package dev.kiln.stats;

/** The standard normal distribution, through erfc(x) = Q(1/2, x²). */
public final class Normal {
  private Normal() {}

  /** The complementary error function. */
  public static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    return Gamma.q(0.5, x * x);
  }

  /** Φ(z) = P(Z ≤ z). */
  public static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** 1 − Φ(z), accurate in the upper tail. */
  public static double sf(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }
}
