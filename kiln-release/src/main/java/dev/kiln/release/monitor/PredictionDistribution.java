package dev.kiln.release.monitor;

import java.util.List;

/**
 * What a version predicted over one closed window, beside what its reference profile's label
 * column holds, on the cells its prediction drift is tested on: a classifier's decided classes
 * (and "(other)" for classes the reference never saw), a regressor's values on the reference's
 * decile bins (or per value when the reference has few). Kept per window so a report can show
 * how the predictions moved, not only that they drifted.
 *
 * @param bins the cells' labels, in the order the reference lists them ("0", "yes", "(5, 7]", "(other)")
 * @param reference how many reference rows fall in each cell
 * @param current how many of the window's predictions fall in each cell
 */
public record PredictionDistribution(List<String> bins, List<Long> reference, List<Long> current) {

  public PredictionDistribution {
    bins = List.copyOf(bins);
    reference = List.copyOf(reference);
    current = List.copyOf(current);
    if (reference.size() != bins.size() || current.size() != bins.size()) {
      throw new IllegalArgumentException("a prediction distribution needs one reference and one current count per bin: "
          + bins.size() + " bins, " + reference.size() + " reference counts, " + current.size() + " current counts");
    }
  }

  public static PredictionDistribution of(List<String> bins, long[] reference, long[] current) {
    return new PredictionDistribution(bins, boxed(reference), boxed(current));
  }

  /** The predictions counted in this window. */
  public long currentTotal() {
    return current.stream().mapToLong(Long::longValue).sum();
  }

  /** Each cell's share of the reference; zeros when the reference is empty. */
  public double[] referenceShares() {
    return shares(reference);
  }

  /** Each cell's share of this window's predictions; zeros when it counted none. */
  public double[] currentShares() {
    return shares(current);
  }

  private static double[] shares(List<Long> counts) {
    double total = counts.stream().mapToLong(Long::longValue).sum();
    double[] out = new double[counts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = total == 0 ? 0 : counts.get(i) / total;
    }
    return out;
  }

  private static List<Long> boxed(long[] counts) {
    return java.util.Arrays.stream(counts).boxed().toList();
  }
}
