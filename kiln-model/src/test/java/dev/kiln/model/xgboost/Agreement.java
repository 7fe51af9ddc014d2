package dev.kiln.model.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;

/** Compares two predictors' outputs row by row and class by class. */
final class Agreement {
  static final double TOLERANCE = 1e-6;

  private Agreement() {}

  /** The largest absolute difference, after checking every value is within {@link #TOLERANCE}. */
  static double check(String what, Predictor reference, Predictor java, FeatureMatrix x) {
    Predictions want = reference.predict(x);
    Predictions got = java.predict(x);
    assertThat(got.rows()).isEqualTo(x.rows());
    double worst = 0;
    if (want instanceof Predictions.Classes w) {
      Predictions.Classes g = (Predictions.Classes) got;
      assertThat(g.classes()).isEqualTo(w.classes());
      for (int i = 0; i < x.rows(); i++) {
        for (int k = 0; k < w.classes().size(); k++) {
          worst = Math.max(worst, close(what, i, k, w.probabilities()[i][k], g.probabilities()[i][k]));
        }
      }
    } else {
      double[] w = ((Predictions.Scores) want).values();
      double[] g = ((Predictions.Scores) got).values();
      for (int i = 0; i < x.rows(); i++) {
        worst = Math.max(worst, close(what, i, 0, w[i], g[i]));
      }
    }
    return worst;
  }

  private static double close(String what, int row, int k, double want, double got) {
    double d = Math.abs(want - got);
    if (!(d <= TOLERANCE) && !(Double.isNaN(want) && Double.isNaN(got))) {
      throw new AssertionError(what + ": row " + row + ", output " + k + ": XGBoost4J gives " + want
          + ", the Java predictor " + got);
    }
    return Double.isNaN(d) ? 0 : d;
  }
}
