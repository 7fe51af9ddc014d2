package dev.kiln.model.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost models in XGBoost's own JSON or UBJSON format (Python {@code save_model("m.json")}),
 * run with XGBoost4J's in-place prediction (for training and evaluation; the gateway serves with
 * {@link XGBoostJavaBackend}). The objective says the task ({@link XGBoostSignature}):
 * {@code binary:logistic} and {@code multi:softprob} are classifiers that predict probabilities;
 * {@code binary:logitraw} and {@code multi:softmax} classifiers whose margins Kiln turns into the
 * same probabilities (the sigmoid, softmax); {@code reg:*} and the like regressors. Ranking and
 * {@code binary:hinge} (no probabilities to be had) are refused.
 */
final class XGBoostBackend implements Backend {
  private static final int[] ALL_TREES = {0, 0};
  private final Booster booster;
  private final Signature signature;
  private final Link link;

  /** How predictions become probabilities or scores. */
  private enum Link {
    /** XGBoost's own output: probabilities, or a regression score. */
    VALUE,
    /** The margin is log-odds: sigmoid. */
    SIGMOID,
    /** The margins are per-class scores: softmax. */
    SOFTMAX
  }

  private XGBoostBackend(Booster booster, Signature signature, Link link) {
    this.booster = booster;
    this.signature = signature;
    this.link = link;
  }

  static XGBoostBackend load(Path file, ModelSpec spec) {
    sniff(file);
    Booster booster;
    try {
      booster = XGBoost.loadModel(file.toString());
    } catch (XGBoostError e) {
      throw new ModelLoadException(file + ": XGBoost cannot load this file (" + firstLine(e.getMessage())
          + "); is it a model saved with save_model()?", e);
    }
    try {
      JsonNode learner = learner(booster, file);
      return new XGBoostBackend(booster, XGBoostSignature.of(file, spec, learner), link(learner));
    } catch (RuntimeException e) {
      booster.dispose();
      throw e;
    }
  }

  /** Rejects files that cannot be XGBoost JSON or UBJSON before the native loader sees them. */
  private static void sniff(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      int b;
      do {
        b = in.read();
      } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
      if (b != '{') {
        throw new ModelLoadException(file + ": not an XGBoost JSON or UBJSON model (it does not start with an object)");
      }
    } catch (IOException e) {
      throw new ModelLoadException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static JsonNode learner(Booster booster, Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(booster.toByteArray("json"));
      JsonNode learner = root.path("learner");
      if (learner.isMissingNode()) {
        throw new ModelLoadException(file + ": the XGBoost model has no 'learner' section");
      }
      return learner;
    } catch (XGBoostError | IOException e) {
      throw new ModelLoadException(file + ": cannot read the XGBoost model's configuration: " + e.getMessage(), e);
    }
  }

  private static Link link(JsonNode learner) {
    return switch (learner.path("objective").path("name").asText("")) {
      case "binary:logitraw" -> Link.SIGMOID;
      case "multi:softmax" -> Link.SOFTMAX;
      default -> Link.VALUE;
    };
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "unknown error";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(FeatureMatrix x) {
    float[][] raw = x.rows() == 0 ? new float[0][] : run(x);
    if (signature.task() instanceof Task.Classification c) {
      double[][] p = new double[raw.length][];
      for (int i = 0; i < raw.length; i++) {
        p[i] = raw[i].length == 1 ? new double[] {1 - (double) raw[i][0], raw[i][0]} : toDouble(raw[i]);
      }
      return new Predictions.Classes(c.classes(), p);
    }
    double[] y = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      y[i] = raw[i][0];
    }
    return new Predictions.Scores(y);
  }

  private float[][] run(FeatureMatrix x) {
    try {
      if (link == Link.VALUE) {
        return booster.inplace_predict(x.values(), x.rows(), x.cols(), Float.NaN);
      }
      float[][] margin = booster.inplace_predict(x.values(), x.rows(), x.cols(), Float.NaN, ALL_TREES,
          Booster.PredictionType.kMargin, null);
      for (float[] row : margin) {
        if (link == Link.SIGMOID) {
          row[0] = (float) (1 / (1 + Math.exp(-row[0])));
        } else {
          softmax(row);
        }
      }
      return margin;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + firstLine(e.getMessage()), e);
    }
  }

  /** In place, as XGBoost's multi:softprob computes it (shifted by the maximum). */
  private static void softmax(float[] m) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : m) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[m.length];
    for (int k = 0; k < m.length; k++) {
      e[k] = Math.exp(m[k] - max);
      sum += e[k];
    }
    for (int k = 0; k < m.length; k++) {
      m[k] = (float) (e[k] / sum);
    }
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
    booster.dispose();
  }
}
