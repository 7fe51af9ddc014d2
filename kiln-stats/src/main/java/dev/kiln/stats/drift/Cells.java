package dev.kiln.stats.drift;

/**
 * Two distributions described on a common grid of reference values (atoms) or reference bins,
 * with the current data's values below and above the reference range counted and summed exactly.
 * From it come the KS statistic (exact on an atom grid, bounded on a bin grid) and the
 * Wasserstein distance (exact in the tails, interpolated linearly inside cells, with the bound
 * Σ width·(reference share + current share)/2 on the interpolation error).
 */
public final class Cells {
  private final double[] lo;
  private final double[] hi;
  private final boolean[] atom;
  private final double[] ref;
  private final double[] cur;
  private final double curBelow;
  private final double curBelowSum;
  private final double curAbove;
  private final double curAboveSum;
  private final double refTotal;
  private final double curTotal;

  private Cells(double[] lo, double[] hi, boolean[] atom, double[] ref, double[] cur, double curBelow,
      double curBelowSum, double curAbove, double curAboveSum) {
    this.lo = lo;
    this.hi = hi;
    this.atom = atom;
    this.ref = ref;
    this.cur = cur;
    this.curBelow = curBelow;
    this.curBelowSum = curBelowSum;
    this.curAbove = curAbove;
    this.curAboveSum = curAboveSum;
    this.refTotal = sum(ref);
    this.curTotal = sum(cur) + curBelow + curAbove;
  }

  /**
   * Reference atoms {@code values} with {@code counts}; current bucket counts as decoded by
   * {@link Grid#points}: below, atom₁, between₁₂, atom₂, …, atomₖ, above.
   */
  public static Cells onPoints(double[] values, long[] refCounts, long[] buckets, double belowSum, double aboveSum) {
    int k = values.length;
    int cells = 2 * k - 1;
    double[] lo = new double[cells];
    double[] hi = new double[cells];
    boolean[] atom = new boolean[cells];
    double[] ref = new double[cells];
    double[] cur = new double[cells];
    for (int i = 0; i < k; i++) {
      lo[2 * i] = values[i];
      hi[2 * i] = values[i];
      atom[2 * i] = true;
      ref[2 * i] = refCounts[i];
      cur[2 * i] = buckets[1 + 2 * i];
      if (i + 1 < k) {
        lo[2 * i + 1] = values[i];
        hi[2 * i + 1] = values[i + 1];
        cur[2 * i + 1] = buckets[2 + 2 * i];
      }
    }
    return new Cells(lo, hi, atom, ref, cur, buckets[0], belowSum, buckets[buckets.length - 1], aboveSum);
  }

  /** Reference bins with {@code edges}; current bucket counts as decoded by {@link Grid#bins}: below, bins…, above. */
  public static Cells onBins(double[] edges, long[] refCounts, long[] buckets, double belowSum, double aboveSum) {
    int b = edges.length - 1;
    double[] lo = new double[b];
    double[] hi = new double[b];
    double[] ref = new double[b];
    double[] cur = new double[b];
    for (int i = 0; i < b; i++) {
      lo[i] = edges[i];
      hi[i] = edges[i + 1];
      ref[i] = refCounts[i];
      cur[i] = buckets[1 + i];
    }
    return new Cells(lo, hi, new boolean[b], ref, cur, buckets[0], belowSum, buckets[buckets.length - 1], aboveSum);
  }

  public double currentTotal() {
    return curTotal;
  }

  /** KS statistic: the largest gap found at cell boundaries, and an upper bound for the supremum. */
  public double[] ks() {
    double r = 0;
    double c = curBelow / curTotal;
    double low = c;
    double high = c;
    for (int i = 0; i < ref.length; i++) {
      double r1 = r + ref[i] / refTotal;
      double c1 = c + cur[i] / curTotal;
      double end = Math.abs(r1 - c1);
      low = Math.max(low, end);
      double inside;
      if (atom[i]) {
        inside = end;
      } else if (ref[i] == 0) {
        inside = Math.max(Math.abs(r - c), Math.abs(r - c1));
      } else if (cur[i] == 0) {
        inside = Math.max(Math.abs(r - c), Math.abs(r1 - c));
      } else {
        inside = Math.max(Math.max(Math.abs(r1 - c), Math.abs(r - c1)), end);
      }
      high = Math.max(high, inside);
      r = r1;
      c = c1;
    }
    double tail = Math.abs(1 - c);
    return new double[] {Math.max(low, tail), Math.max(high, tail)};
  }

  /** Wasserstein-1 distance: the estimate and the bound on its error. */
  public double[] wasserstein() {
    double first = lo[0];
    double last = hi[hi.length - 1];
    double sum = (curBelow * first - curBelowSum) / curTotal + (curAboveSum - curAbove * last) / curTotal;
    double bound = 0;
    double r = 0;
    double c = curBelow / curTotal;
    for (int i = 0; i < ref.length; i++) {
      double pr = ref[i] / refTotal;
      double pc = cur[i] / curTotal;
      double w = hi[i] - lo[i];
      if (!atom[i] && w > 0) {
        sum += w * linearAbs(r - c, pr - pc);
        bound += w * (pr + pc) / 2;
      }
      r += pr;
      c += pc;
    }
    return new double[] {sum, bound};
  }

  /** ∫₀¹ |a + b·t| dt. */
  static double linearAbs(double a, double b) {
    double end = a + b;
    if (a * end >= 0) {
      return Math.abs(a + b / 2);
    }
    return (a * a + end * end) / (2 * Math.abs(b));
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
