package dev.kiln.model.fairness;

import java.util.OptionalDouble;

/**
 * One group of a sensitive attribute: its size, how many were truly positive and negative, how
 * many the model selected (predicted positive), and the rates those give. TPR is undefined for
 * a group without positives, FPR for one without negatives; an excluded group is too small to
 * count (below the minimum group size) and takes no part in any difference or ratio.
 */
public record GroupRates(String group, long count, long positives, long negatives, long selected,
    long truePositives, long falsePositives, boolean excluded) {

  public double selectionRate() {
    return count == 0 ? Double.NaN : (double) selected / count;
  }

  public OptionalDouble tpr() {
    return positives == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / positives);
  }

  public OptionalDouble fpr() {
    return negatives == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) falsePositives / negatives);
  }
}
