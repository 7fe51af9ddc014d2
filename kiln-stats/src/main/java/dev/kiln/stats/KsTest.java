package dev.kiln.stats;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, as {@code scipy.stats.ks_2samp} with its
 * default {@code method='auto'} (SciPy 1.10): the exact p-value when both samples have at most
 * 10,000 values (falling back to the asymptotic one if the exact computation fails), otherwise
 * {@code kstwo.sf(D, round(mn/(m+n)))}.
 */
public final class KsTest {
  /** Larger samples get the asymptotic p-value, as in SciPy. */
  public static final int MAX_EXACT_N = 10_000;

  private KsTest() {}

  /** The statistic D and its p-value. NaN values must be removed by the caller. */
  public static Result test(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return fromStatistic(statistic(x, y), x.length, y.length);
  }

  /** A KS result: the statistic, its p-value, and whether the p-value is exact. */
  public record Result(double statistic, double pValue, boolean exact) {}

  /** sup |F₁ − F₂| over two sorted samples (right-continuous empirical CDFs). */
  public static double statistic(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException("the KS test needs two non-empty samples");
    }
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /** The p-value of a statistic D between samples of sizes n1 and n2, as SciPy chooses it. */
  public static Result fromStatistic(double d, long n1, long n2) {
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
      long g = gcd(n1, n2);
      long lcm = (n1 / g) * n2;
      long h = Math.round(d * lcm);
      double dd = (double) h / lcm;
      if (h == 0) {
        return new Result(dd, 1.0, true);
      }
      double p = n1 == n2 ? outsideSquare(n1, h) : outsideInside(n1, n2, g, h);
      if (p >= 0 && p <= 1 && !Double.isNaN(p)) {
        return new Result(dd, p, true);
      }
      d = dd;
    }
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    long en = (long) Math.rint(m * n / (m + n));
    return new Result(d, Kolmogorov.sf(en, d), false);
  }

  /** P(D<sub>n,n</sub> ≥ h/n), Horner-like to avoid cancellation. */
  static double outsideSquare(long n, long h) {
    double p = 0;
    long k = n / h;
    while (k >= 0) {
      double p1 = 1;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| &lt; h/lcm,
   * computed directly as 1 − p (Hodges 1958; Viehmann 2021) on a sliding column window.
   */
  static double outsideInside(long m0, long n0, long g, long h) {
    long m = Math.max(m0, n0);
    long n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;
    int minj = 0;
    int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
    int curlen = maxj - minj;
    int lenA = (int) Math.min(2L * maxj + 2, n + 1);
    double[] a = new double[lenA];
    Arrays.fill(a, 1.0);
    Arrays.fill(a, minj, maxj, 0.0);
    for (long i = 1; i <= m; i++) {
      int lastminj = minj;
      int lastlen = curlen;
      minj = (int) Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0);
      minj = (int) Math.min(minj, n);
      maxj = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < maxj - minj; jj++) {
        int j = jj + minj;
        val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
        a[jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        Arrays.fill(a, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA), 1.0);
      }
    }
    return a[maxj - minj - 1];
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
