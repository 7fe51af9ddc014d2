package dev.kiln.serve.control;

/**
 * The population stability index of a candidate's scores against the stable version's in the
 * same window: bins at the stable scores' quintiles (tied edges merged, so a heavy value keeps
 * one bin), shares floored at 10⁻⁴ so an empty bin counts without dividing by zero, and
 * PSI = Σ (c − s) · ln(c / s). Quintiles rather than deciles because an analysis window is
 * small: two samples of one distribution give on average about (bins − 1)·(1/n₁ + 1/n₂), 0.05
 * for 150 scores each with 5 bins but 0.12 with 10, too close to the usual 0.2–0.25 limit.
 */
public final class PredictionShift {
  private static final double FLOOR = 1e-4;
  static final int BINS = 5;

  private PredictionShift() {}

  /** Both arrays sorted ascending and non-empty. */
  public static double psi(double[] stable, double[] candidate) {
    double[] edges = edges(stable);
    double[] s = shares(stable, edges);
    double[] c = shares(candidate, edges);
    double psi = 0;
    for (int i = 0; i < s.length; i++) {
      psi += (c[i] - s[i]) * Math.log(c[i] / s[i]);
    }
    return psi;
  }

  /**
   * The PSI of the classes a version decided against the shares of the label's classes in its
   * training data: Σ (c − r) · ln(c / r) over every class either side has, shares floored at 10⁻⁴.
   */
  public static double psi(java.util.Map<String, Double> reference, java.util.Map<String, Long> decided) {
    double total = decided.values().stream().mapToLong(Long::longValue).sum();
    java.util.Set<String> classes = new java.util.TreeSet<>(reference.keySet());
    classes.addAll(decided.keySet());
    double psi = 0;
    for (String k : classes) {
      double r = Math.max(FLOOR, reference.getOrDefault(k, 0.0));
      double c = Math.max(FLOOR, decided.getOrDefault(k, 0L) / total);
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  private static double[] edges(double[] sorted) {
    double[] e = new double[BINS - 1];
    int n = 0;
    for (int d = 1; d < BINS; d++) {
      double q = sorted[(int) Math.min(sorted.length - 1, Math.floor(d * sorted.length / (double) BINS))];
      if (n == 0 || q > e[n - 1]) {
        e[n++] = q;
      }
    }
    return java.util.Arrays.copyOf(e, n);
  }

  /** Shares of values below the first edge, in each [edge, next edge), and from the last edge up. */
  private static double[] shares(double[] sorted, double[] edges) {
    double[] shares = new double[edges.length + 1];
    for (double v : sorted) {
      int bin = java.util.Arrays.binarySearch(edges, v);
      shares[bin >= 0 ? bin + 1 : -bin - 1]++;
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] = Math.max(FLOOR, shares[i] / sorted.length);
    }
    return shares;
  }
}
