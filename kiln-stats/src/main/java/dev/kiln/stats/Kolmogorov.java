package dev.kiln.stats;

/**
 * The distribution of the one-sample Kolmogorov–Smirnov statistic D<sub>n</sub> for finite n, as
 * {@code scipy.stats.kstwo} computes it (Simard &amp; L'Ecuyer 2011): Ruben–Gambino closed forms
 * at the ends, the Durbin matrix (Marsaglia–Tsang–Wang) and Pomeranz recursions for small n·d²,
 * the Pelz–Good expansion for large n, and twice the one-sided Smirnov tail in the upper tail.
 * SciPy's {@code ks_2samp} takes its asymptotic p-value from here with n = round(mn/(m+n)).
 */
public final class Kolmogorov {
  private static final int E128 = 128;
  private static final double EP128 = Math.scalb(1.0, E128);
  private static final double EM128 = Math.scalb(1.0, -E128);
  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double PI2 = Math.PI * Math.PI;
  private static final double PI4 = PI2 * PI2;
  private static final double PI6 = PI4 * PI2;
  private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
      -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4,
      7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2};

  private Kolmogorov() {}

  /** P(D<sub>n</sub> ≥ d), as {@code scipy.stats.kstwo.sf(d, n)}. */
  public static double sf(long n, double d) {
    if (n <= 0 || Double.isNaN(d)) {
      return Double.NaN;
    }
    if (d >= 1) {
      return 0;
    }
    if (d <= 0) {
      return 1;
    }
    double t = n * d;
    if (t <= 1) {
      return t <= 0.5 ? 1 : clip(1 - rubenGambinoLow(n, t));
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1 - d, n));
    }
    if (d >= 0.5) {
      return clip(2 * smirnov(n, d));
    }
    double nxx = t * d;
    if (n <= 140) {
      if (nxx <= 0.754693) {
        return clip(1 - durbin(n, d));
      }
      if (nxx <= 4) {
        return clip(1 - pomeranz(n, d));
      }
      return clip(2 * smirnov(n, d));
    }
    if (nxx >= 370) {
      return 0;
    }
    if (nxx >= 2.2) {
      return clip(2 * smirnov(n, d));
    }
    double cdf = n <= 100_000 && n * Math.pow(d, 1.5) <= 1.4 ? durbin(n, d) : pelzGood(n, d);
    return clip(1 - cdf);
  }

  private static double rubenGambinoLow(long n, double t) {
    if (n <= 140) {
      double prob = 1;
      for (long i = 1; i <= n; i++) {
        prob *= i * (1.0 / n) * (2 * t - 1);
      }
      return prob;
    }
    return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
  }

  /** ln(n! / nⁿ) by Stirling's series. */
  static double logFactorialOverPower(long n) {
    double rn = 1.0 / n;
    double x = rn / n;
    double poly = 0;
    for (double c : STIRLING) {
      poly = poly * x + c;
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /**
   * P(D<sub>n</sub><sup>+</sup> ≥ d), the one-sided Smirnov tail, as {@code scipy.special.smirnov},
   * by the Birnbaum–Tingey sum (all terms positive, summed in log space).
   */
  public static double smirnov(long n, double d) {
    if (d <= 0) {
      return 1;
    }
    if (d >= 1) {
      return 0;
    }
    long last = (long) Math.floor(n * (1 - d) + 1e-12 * n);
    double sum = 0;
    for (long j = 0; j <= last; j++) {
      double a = 1 - d - (double) j / n;
      if (a <= 0) {
        continue;
      }
      double logTerm = Gamma.logChoose(n, j) + (n - j) * Math.log(a) + (j - 1) * Math.log(d + (double) j / n);
      sum += Math.exp(logTerm);
    }
    return clip(d * sum);
  }

  /** P(D<sub>n</sub> ≤ d) by the Durbin matrix, powered by squaring with explicit exponent scaling. */
  static double durbin(long n, double d) {
    if (d >= 1) {
      return 1;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[][] hm = durbinMatrix(h, m);
    double[][] pw = identity(m);
    long nn = n;
    int expnt = 0;
    int hexpnt = 0;
    while (nn > 0) {
      if (nn % 2 == 1) {
        pw = multiply(pw, hm);
        expnt += hexpnt;
      }
      hm = multiply(hm, hm);
      hexpnt *= 2;
      if (Math.abs(hm[k - 1][k - 1]) > EP128) {
        scale(hm, EM128);
        hexpnt += E128;
      }
      nn /= 2;
    }
    double p = pw[k - 1][k - 1];
    for (long i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < EM128) {
        p *= EP128;
        expnt -= E128;
      }
    }
    return clip(expnt != 0 ? Math.scalb(p, expnt) : p);
  }

  private static double[][] durbinMatrix(double h, int m) {
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1;
    for (int j = 1; j <= m; j++) {
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] = (1 - Math.pow(h, j)) * fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1 + tt) * fac;
    double[][] hm = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hm[r][i] = w[r - (i - 1)];
      }
    }
    for (int r = 0; r < m; r++) {
      hm[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hm[m - 1][c] = v[m - 1 - c];
    }
    return hm;
  }

  private static double[][] identity(int m) {
    double[][] id = new double[m][m];
    for (int i = 0; i < m; i++) {
      id[i][i] = 1;
    }
    return id;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < m; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          c[i][j] += aik * b[k][j];
        }
      }
    }
    return c;
  }

  private static void scale(double[][] a, double f) {
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= f;
      }
    }
  }

  /** P(D<sub>n</sub> ≤ d) by Pomeranz's recursion. */
  static double pomeranz(long nLong, double x) {
    int n = (int) nLong;
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1;
    twogpower[0] = 1;
    onem2gpower[0] = 1;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * (g / n) / m;
      twogpower[m] = twogpower[m - 1] * (2 * g / n) / m;
      onem2gpower[m] = onem2gpower[m - 1] * ((1 - 2 * g) / n) / m;
    }
    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;
    int expnt = 0;
    int[] jj = pomeranzRange(0, n, ll, ceilf, roundf);
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = jj[0];
      double[] tmp = v0;
      v0 = v1;
      v1 = tmp;
      int ts = v0s;
      v0s = v1s;
      v1s = ts;
      java.util.Arrays.fill(v1, 0);
      jj = pomeranzRange(i, n, ll, ceilf, roundf);
      double[] pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
      int ln2 = jj[1] - k1 + 1;
      if (ln2 > 0) {
        int from = k1 - v0s;
        int to = Math.min(from + ln2, npwrs);
        double[] conv = convolve(v0, from, to, pwrs, ln2);
        int convStart = jj[0] - k1;
        int convLen = jj[1] - jj[0] + 1;
        double max = 0;
        for (int c = 0; c < convLen; c++) {
          v1[c] = conv[convStart + c];
          max = Math.max(max, v1[c]);
        }
        if (max > 0 && max < EM128) {
          for (int c = 0; c < v1.length; c++) {
            v1[c] *= EP128;
          }
          expnt -= E128;
        }
        v1s = v0s + jj[0] - k1;
      }
    }
    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > EP128) {
        ans *= EM128;
        expnt += E128;
      }
      ans *= m;
    }
    return clip(expnt != 0 ? Math.scalb(ans, expnt) : ans);
  }

  private static double[] convolve(double[] a, int from, int to, double[] b, int bLen) {
    int aLen = to - from;
    double[] out = new double[aLen + bLen - 1];
    for (int i = 0; i < aLen; i++) {
      double ai = a[from + i];
      for (int j = 0; j < bLen; j++) {
        out[i + j] += ai * b[j];
      }
    }
    return out;
  }

  private static int[] pomeranzRange(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int half = (i + 1) / 2;
      if ((i + 1) % 2 == 0) {
        if (half == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** P(D<sub>n</sub> ≤ x) by the Pelz–Good asymptotic expansion. */
  static double pelzGood(long n, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = z2 * z2;
    double z6 = z4 * z2;
    double qlog = -PI2 / 8 / z2;
    if (qlog < -708) {
      return 0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI2 / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
    double k2c = PI4 * (1 - 2 * z2) / 16;
    double k3d = PI6 * (5 - 30 * z2) / 64;
    double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * z4 * z4;
    double[] k = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int kk = maxk; kk >= 1; kk--) {
      double m = 2 * kk - 1;
      double m2 = m * m;
      double m4 = m2 * m2;
      double m6 = m4 * m2;
      double qpower = Math.pow(q, 8 * kk);
      double[] coeffs = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
      for (int i = 0; i < 4; i++) {
        k[i] = k[i] * qpower + coeffs[i];
      }
    }
    double[] div = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      k[i] = k[i] * q * SQRT2PI / div[i];
    }
    double q2 = Math.exp(-PI2 / 2 / z2);
    double sqrt3z = Math.sqrt(3) * z;
    double k2extra = 0;
    double k3extra = 0;
    for (int kk = maxk; kk >= 1; kk--) {
      double ksq = (double) kk * kk;
      double qp = Math.pow(q2, ksq);
      double kspi = Math.PI * kk;
      k2extra += ksq * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
    }
    k[2] += k2extra * PI2 * SQRT2PI / (-36 * z3);
    k[3] += k3extra * PI2 * SQRT2PI / (216 * z6);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += k[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }

  static double clip(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
