package dev.kiln.model.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression metrics with scikit-learn's definitions: MAE, MSE, RMSE, R² (1 when truth and
 * prediction are both constant and equal, 0 when only the truth is constant), MAPE as a
 * fraction ({@code |y − ŷ| / max(|y|, ε)}), and the median absolute error.
 */
public final class RegressionMetrics {
  private static final double EPS = Math.ulp(1.0);

  private RegressionMetrics() {}

  public static Map<String, Double> compute(double[] y, double[] yhat) {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = y.length;
    m.put("count", (double) n);
    if (n == 0) {
      return m;
    }
    double abs = 0;
    double sq = 0;
    double ape = 0;
    double mean = 0;
    double[] absErr = new double[n];
    for (int i = 0; i < n; i++) {
      double e = y[i] - yhat[i];
      absErr[i] = Math.abs(e);
      abs += absErr[i];
      sq += e * e;
      ape += absErr[i] / Math.max(Math.abs(y[i]), EPS);
      mean += y[i];
    }
    mean /= n;
    double tot = 0;
    for (double v : y) {
      tot += (v - mean) * (v - mean);
    }
    m.put("mae", abs / n);
    m.put("mse", sq / n);
    m.put("rmse", Math.sqrt(sq / n));
    m.put("r2", tot == 0 ? (sq == 0 ? 1.0 : 0.0) : 1 - sq / tot);
    m.put("mape", ape / n);
    m.put("median_absolute_error", median(absErr));
    return m;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
