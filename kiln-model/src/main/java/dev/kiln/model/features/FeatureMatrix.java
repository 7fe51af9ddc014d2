package dev.kiln.model.features;

import java.util.Map;

/**
 * Encoded rows, dense and row-major in {@code float} as XGBoost and ONNX Runtime take them;
 * NaN marks a missing value the model handles itself. Columns of {@code Input.Text} inputs hold
 * NaN in {@code values}; their strings are in {@code text}, keyed by feature index.
 */
public record FeatureMatrix(float[] values, int rows, int cols, Map<Integer, String[]> text) {

  public FeatureMatrix {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException("expected " + rows + " x " + cols + " values, found " + values.length);
    }
    text = Map.copyOf(text);
    for (var e : text.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= cols || e.getValue().length != rows) {
        throw new IllegalArgumentException("text column " + e.getKey() + " does not fit " + rows + " x " + cols);
      }
    }
  }

  /** A matrix of numbers only. */
  public FeatureMatrix(float[] values, int rows, int cols) {
    this(values, rows, cols, Map.of());
  }

  public float get(int row, int col) {
    return values[row * cols + col];
  }

  /** The strings of a text column. */
  public String[] text(int col) {
    String[] t = text.get(col);
    if (t == null) {
      throw new IllegalArgumentException("feature " + col + " is not a text column");
    }
    return t;
  }
}
