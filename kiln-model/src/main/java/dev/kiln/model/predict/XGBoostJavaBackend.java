package dev.kiln.model.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import dev.kiln.model.xgboost.ModelFile;
import dev.kiln.model.xgboost.TreeEnsemble;
import dev.kiln.model.xgboost.TreeEnsembleReader;
import dev.kiln.model.xgboost.XGBoostModelException;
import java.nio.file.Path;

/**
 * XGBoost models predicted in Java by {@link TreeEnsemble}, with no native library and no
 * per-call set-up: what the gateway serves with. Its predictions are XGBoost4J's (float32 sums
 * in the same order; probabilities for classifiers), and a model it cannot predict exactly
 * (categorical splits, dart, other objectives) is refused when loaded, saying why.
 */
final class XGBoostJavaBackend implements Backend {
  private final TreeEnsemble trees;
  private final Signature signature;

  private XGBoostJavaBackend(TreeEnsemble trees, Signature signature) {
    this.trees = trees;
    this.signature = signature;
  }

  static XGBoostJavaBackend load(Path file, ModelSpec spec) {
    try {
      JsonNode learner = ModelFile.learner(file);
      Signature signature = XGBoostSignature.of(file, spec, learner);
      return new XGBoostJavaBackend(TreeEnsembleReader.read(learner), signature);
    } catch (XGBoostModelException e) {
      throw new ModelLoadException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(FeatureMatrix x) {
    float[] v = x.values();
    int cols = x.cols();
    if (signature.task() instanceof Task.Classification c) {
      double[][] p = new double[x.rows()][];
      if (trees.groups() == 1) {
        for (int i = 0; i < p.length; i++) {
          float p1 = trees.predict(v, i * cols);
          p[i] = new double[] {1 - (double) p1, p1};
        }
      } else {
        float[] out = new float[trees.groups()];
        for (int i = 0; i < p.length; i++) {
          trees.predict(v, i * cols, out);
          p[i] = toDouble(out);
        }
      }
      return new Predictions.Classes(c.classes(), p);
    }
    double[] y = new double[x.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = trees.predict(v, i * cols);
    }
    return new Predictions.Scores(y);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  @Override
  public void close() {
    // nothing native to release
  }
}
