package dev.kiln.model.train;

import dev.kiln.model.features.Columns;
import dev.kiln.model.signature.Input;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Derives a model's inputs from the training data: numeric columns become numbers (imputed with
 * the training mean and standardised where the algorithm needs it), text columns become
 * categories one-hot encoded over the levels seen in training (sorted). A text column with more
 * levels than allowed is an error: it is probably an identifier, to exclude.
 */
final class FeaturePlan {
  private FeaturePlan() {}

  static List<Input> fit(Columns train, List<String> features, Algorithm algorithm, int maxLevels) {
    List<Input> inputs = new ArrayList<>();
    for (String f : features) {
      inputs.add(train.isNumeric(f) ? numeric(f, train.numbers(f).orElseThrow(), algorithm)
          : categorical(f, train.strings(f), maxLevels));
    }
    return inputs;
  }

  private static Input numeric(String name, double[] v, Algorithm a) {
    double sum = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        sum += x;
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("column '" + name + "' has no values in the training data; exclude it");
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    double std = Math.sqrt(ss / n);
    double fill = a.imputes() ? mean : Double.NaN;
    return a.scales() ? new Input.Numeric(name, fill, mean, std > 0 ? std : 1) : new Input.Numeric(name, fill, 0, 1);
  }

  private static Input categorical(String name, String[] v, int maxLevels) {
    TreeSet<String> levels = new TreeSet<>(Comparator.naturalOrder());
    for (String s : v) {
      if (s != null) {
        levels.add(s);
      }
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("column '" + name + "' has no values in the training data; exclude it");
    }
    if (levels.size() > maxLevels) {
      throw new IllegalArgumentException("column '" + name + "' has " + levels.size() + " distinct values (more than "
          + maxLevels + "); it looks like an identifier: exclude it, or raise max-levels");
    }
    return new Input.Categorical(name, List.copyOf(levels));
  }
}
