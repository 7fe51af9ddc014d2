package dev.kiln.model.predict;

import dev.kiln.model.features.FeatureEncoder;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Signature;

/** A {@link Predictor} made of an encoder and a format's backend. */
final class LoadedModel implements Predictor {
  private final ModelFormat format;
  private final Backend backend;
  private final FeatureEncoder encoder;

  LoadedModel(ModelFormat format, Backend backend) {
    this.format = format;
    this.backend = backend;
    this.encoder = new FeatureEncoder(backend.signature());
  }

  @Override
  public Signature signature() {
    return backend.signature();
  }

  @Override
  public ModelFormat format() {
    return format;
  }

  @Override
  public FeatureEncoder encoder() {
    return encoder;
  }

  @Override
  public Predictions predict(FeatureMatrix features) {
    if (features.cols() != signature().width()) {
      throw new IllegalArgumentException("the model takes " + signature().width() + " features, found " + features.cols());
    }
    return backend.predict(features);
  }

  @Override
  public void close() {
    backend.close();
  }
}
