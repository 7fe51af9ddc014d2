package dev.kiln.model.signature;

import java.util.List;

/**
 * One input column of a model and how it becomes model features: a number (one feature,
 * optionally imputed and standardised), a category (one feature per known level, one-hot), or
 * text passed to the model as it is (for models that encode their own categories).
 */
public sealed interface Input permits Input.Numeric, Input.Categorical, Input.Text {

  String name();

  /** Number of model features this column becomes: one, but for categories. */
  default int width() {
    return 1;
  }

  /** Names of the features this column becomes, in order: the column's own, but for categories. */
  default List<String> featureNames() {
    return List.of(name());
  }

  /**
   * A numeric column. A missing value becomes {@code fill} (NaN keeps it missing, for models
   * such as XGBoost that route missing values themselves); then {@code (x - mean) / std}.
   */
  record Numeric(String name, double fill, double mean, double std) implements Input {
    public Numeric {
      requireName(name);
      if (!(std > 0) || Double.isInfinite(std) || !Double.isFinite(mean)) {
        throw new IllegalArgumentException(name + ": scale needs a finite mean and a positive std");
      }
    }

    /** A column passed to the model as it is, missing values kept missing. */
    public static Numeric raw(String name) {
      return new Numeric(name, Double.NaN, 0, 1);
    }

    public boolean scaled() {
      return mean != 0 || std != 1;
    }

    public boolean imputed() {
      return !Double.isNaN(fill);
    }
  }

  /**
   * A categorical column one-hot encoded over {@code levels}: feature {@code name=level} is 1
   * for that level. Missing values and levels not seen in training make every feature 0.
   */
  record Categorical(String name, List<String> levels) implements Input {
    public Categorical {
      requireName(name);
      levels = List.copyOf(levels);
      if (levels.isEmpty()) {
        throw new IllegalArgumentException(name + ": a category needs at least one level");
      }
    }

    @Override
    public int width() {
      return levels.size();
    }

    @Override
    public List<String> featureNames() {
      return levels.stream().map(l -> name + "=" + l).toList();
    }
  }

  /**
   * A column passed to the model as text, one value per row (null when missing): for models that
   * take strings and encode them themselves, such as an ONNX model with one string input per
   * column (scikit-learn pipelines converted with skl2onnx).
   */
  record Text(String name) implements Input {
    public Text {
      requireName(name);
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an input needs a column name");
    }
  }
}
