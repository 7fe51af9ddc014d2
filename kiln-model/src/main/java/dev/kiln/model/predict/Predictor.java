package dev.kiln.model.predict;

import dev.kiln.model.features.Columns;
import dev.kiln.model.features.EncodingNotes;
import dev.kiln.model.features.FeatureEncoder;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Signature;

/**
 * A loaded model of any supported format behind one contract: columns in, {@link Predictions}
 * out, per the model's {@link Signature}. Data that does not fit the signature is rejected
 * with a message naming the columns. Predictors hold native resources: close them. They are
 * safe for concurrent {@link #predict} calls.
 */
public interface Predictor extends AutoCloseable {

  Signature signature();

  ModelFormat format();

  /** The encoder that turns columns into this model's features. */
  FeatureEncoder encoder();

  /** Predicts already-encoded rows (see {@link #encoder()}). */
  Predictions predict(FeatureMatrix features);

  /** Encodes and predicts; what encoding met (missing values, unseen categories) goes to {@code notes}. */
  default Predictions predict(Columns data, EncodingNotes notes) {
    return predict(encoder().encode(data, notes));
  }

  default Predictions predict(Columns data) {
    return predict(data, new EncodingNotes());
  }

  @Override
  void close();
}
