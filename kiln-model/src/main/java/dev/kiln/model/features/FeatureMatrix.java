package dev.kiln.model.features;

/**
 * Encoded rows, dense and row-major in {@code float} as XGBoost and ONNX Runtime take them;
 * NaN marks a missing value the model handles itself.
 */
public record FeatureMatrix(float[] values, int rows, int cols) {

  public FeatureMatrix {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException("expected " + rows + " x " + cols + " values, found " + values.length);
    }
  }

  public float get(int row, int col) {
    return values[row * cols + col];
  }
}
