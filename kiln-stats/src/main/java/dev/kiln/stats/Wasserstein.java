package dev.kiln.stats;

import java.util.Arrays;

/**
 * The first Wasserstein (earth mover's) distance between two one-dimensional distributions,
 * ∫|U(x) − V(x)| dx, as {@code scipy.stats.wasserstein_distance}, for samples or for weighted
 * values.
 */
public final class Wasserstein {
  private Wasserstein() {}

  public static double distance(double[] u, double[] v) {
    double[] uw = new double[u.length];
    double[] vw = new double[v.length];
    Arrays.fill(uw, 1);
    Arrays.fill(vw, 1);
    return distance(u, uw, v, vw);
  }

  /** Distance between weighted values (weights need not be normalised). */
  public static double distance(double[] u, double[] uWeights, double[] v, double[] vWeights) {
    if (u.length == 0 || v.length == 0) {
      throw new IllegalArgumentException("the Wasserstein distance needs two non-empty distributions");
    }
    Integer[] ui = order(u);
    Integer[] vi = order(v);
    double uTotal = Arrays.stream(uWeights).sum();
    double vTotal = Arrays.stream(vWeights).sum();
    double[] all = new double[u.length + v.length];
    System.arraycopy(u, 0, all, 0, u.length);
    System.arraycopy(v, 0, all, u.length, v.length);
    Arrays.sort(all);
    int a = 0;
    int b = 0;
    double ucum = 0;
    double vcum = 0;
    double sum = 0;
    for (int k = 0; k < all.length - 1; k++) {
      while (a < u.length && u[ui[a]] <= all[k]) {
        ucum += uWeights[ui[a++]];
      }
      while (b < v.length && v[vi[b]] <= all[k]) {
        vcum += vWeights[vi[b++]];
      }
      sum += Math.abs(ucum / uTotal - vcum / vTotal) * (all[k + 1] - all[k]);
    }
    return sum;
  }

  private static Integer[] order(double[] x) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (i, j) -> Double.compare(x[i], x[j]));
    return idx;
  }
}
