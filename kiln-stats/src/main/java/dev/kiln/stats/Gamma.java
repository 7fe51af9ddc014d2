package dev.kiln.stats;

/**
 * The log-gamma function and the regularized incomplete gamma functions P(a, x) and Q(a, x),
 * accurate to about 1e-14 relative: series expansion below {@code x < a + 1}, Lentz's continued
 * fraction above (Numerical Recipes §6.2).
 */
public final class Gamma {
  private static final double EPS = 1e-16;
  private static final double TINY = 1e-300;
  private static final int MAX_ITER = 1_000_000;
  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private Gamma() {}

  /** ln Γ(x) for x > 0 (Lanczos, g = 7). */
  public static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** ln of the binomial coefficient C(n, k). */
  public static double logChoose(double n, double k) {
    return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  }

  /** Regularized lower incomplete gamma P(a, x). */
  public static double p(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    if (Double.isInfinite(x)) {
      return 1;
    }
    return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
  }

  /** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), without cancellation for large x. */
  public static double q(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    if (Double.isInfinite(x)) {
      return 0;
    }
    return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
  }

  private static double series(double a, double x) {
    double ap = a;
    double sum = 1 / a;
    double del = sum;
    for (int n = 0; n < MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double continuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITER; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }
}
