package dev.kiln.model.train;

import dev.kiln.model.features.FeatureMatrix;

/** Encoded rows and their targets: the class index for a classifier, the value for a regressor. */
record TrainingSet(FeatureMatrix x, float[] y) {
  TrainingSet {
    if (x.rows() != y.length) {
      throw new IllegalArgumentException(x.rows() + " rows but " + y.length + " targets");
    }
  }
}
