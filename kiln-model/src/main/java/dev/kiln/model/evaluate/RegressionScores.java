package dev.kiln.model.evaluate;

import dev.kiln.model.features.Columns;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.metrics.BinaryCurves;
import dev.kiln.model.metrics.RegressionMetrics;
import dev.kiln.model.predict.Predictions;
import java.util.Map;
import java.util.Optional;

/** A regressor's scores: the scikit-learn regression metrics of any subset of rows. */
record RegressionScores(double[] y, double[] yhat, String[] truthText, String[] predictedText) implements Scored {

  static RegressionScores of(String label, Columns rows, Predictions.Scores p) {
    double[] y = rows.numbers(label).orElseGet(() -> parse(label, rows.strings(label)));
    String[] predictedText = new String[y.length];
    for (int i = 0; i < y.length; i++) {
      predictedText[i] = Double.toString(p.values()[i]);
    }
    return new RegressionScores(y, p.values(), rows.strings(label), predictedText);
  }

  @Override
  public Scores score(int[] rows) {
    double[] a = new double[rows.length];
    double[] b = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      a[i] = y[rows[i]];
      b[i] = yhat[rows[i]];
    }
    return new Scores(RegressionMetrics.compute(a, b), Map.of());
  }

  @Override
  public Optional<long[][]> confusion() {
    return Optional.empty();
  }

  @Override
  public Optional<BinaryCurves> curves() {
    return Optional.empty();
  }

  @Override
  public int[] truth() {
    return new int[0];
  }

  @Override
  public int[] predicted() {
    return new int[0];
  }

  private static double[] parse(String label, String[] text) {
    double[] out = new double[text.length];
    for (int i = 0; i < text.length; i++) {
      try {
        out[i] = Double.parseDouble(text[i].trim());
      } catch (NumberFormatException e) {
        throw new SignatureMismatchException("the model is a regressor but label column '" + label + "' holds '"
            + text[i] + "'");
      }
    }
    return out;
  }
}
