package dev.kiln.model.predict;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.Signature;

/** One model format's native runner: encoded rows in, predictions out. */
sealed interface Backend extends AutoCloseable permits XGBoostBackend, XGBoostJavaBackend, OnnxBackend, TribuoBackend {

  /** The signature after merging what model.yaml says with what the model file records. */
  Signature signature();

  Predictions predict(FeatureMatrix features);

  @Override
  void close();
}
