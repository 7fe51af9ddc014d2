package dev.kiln.core.stats;

/**
 * Exact quantiles of a sample, interpolated linearly between order statistics as NumPy's default
 * ({@code numpy.quantile(x, p)}, method 'linear'): the position is h = (n − 1)·p and the value
 * between x[⌊h⌋] and x[⌊h⌋ + 1] is NumPy's {@code _lerp}, so it is exactly x[⌊h⌋] when both are
 * equal. kiln-stats' {@code Quantiles} computes the same; kiln-core depends on no other Kiln module,
 * so these few lines live here too, tested against NumPy's figures.
 */
public final class Quantile {
  private Quantile() {}

  /** The {@code p} quantile (0 ≤ p ≤ 1) of values sorted increasingly; NaN for none. */
  public static double linear(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * p;
    if (h >= n - 1) {
      return sorted[n - 1];
    }
    if (h <= 0) {
      return sorted[0];
    }
    int j = (int) Math.floor(h);
    double t = h - j;
    double a = sorted[j];
    double d = sorted[j + 1] - a;
    return t >= 0.5 ? sorted[j + 1] - d * (1 - t) : a + d * t;
  }
}
