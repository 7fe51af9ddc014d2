package dev.kiln.serve.batch;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;

/**
 * How a served version turns encoded rows into predictions: on the request's own thread
 * ({@link #direct}), or through a {@link MicroBatcher} that predicts the rows of concurrent
 * requests in one call. Safe for concurrent use; {@link #close} stops any thread it owns (the
 * predictor itself belongs to the caller).
 */
public interface Predicting extends AutoCloseable {

  Predictions predict(FeatureMatrix rows);

  @Override
  void close();

  static Predicting direct(Predictor predictor) {
    return new Predicting() {
      @Override
      public Predictions predict(FeatureMatrix rows) {
        return predictor.predict(rows);
      }

      @Override
      public void close() {
        // nothing of its own
      }
    };
  }
}
