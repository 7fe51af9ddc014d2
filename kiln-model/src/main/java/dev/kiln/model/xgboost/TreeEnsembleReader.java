package dev.kiln.model.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Reads the {@code learner} section of an XGBoost model (JSON or UBJSON, XGBoost 1.x to 3.x) into
 * a {@link TreeEnsemble}: {@code gbtree} boosters with numeric splits, one output per class or a
 * single output. Everything it cannot predict exactly as XGBoost does is refused with a message
 * naming it: categorical splits, vector leaves (multi-target trees), {@code dart} and
 * {@code gblinear} boosters, other objectives; so is any inconsistency (arrays of the wrong
 * length, children or features out of range, a node reached twice).
 */
public final class TreeEnsembleReader {
  private TreeEnsembleReader() {}

  /** Reads a model file. */
  public static TreeEnsemble read(Path file) {
    return read(ModelFile.learner(file));
  }

  public static TreeEnsemble read(JsonNode learner) {
    Objective objective = objective(learner);
    JsonNode params = learner.path("learner_model_param");
    int features = integer(params, "num_feature");
    int numClass = params.has("num_class") ? integer(params, "num_class") : 0;
    int targets = params.has("num_target") ? integer(params, "num_target") : 1;
    if (targets > 1) {
      throw new XGBoostModelException("the model predicts " + targets + " targets per row; Kiln's XGBoost predictor "
          + "serves one target (or one probability per class)");
    }
    if (features < 0) {
      throw new XGBoostModelException("learner_model_param.num_feature is negative (" + features + ")");
    }
    int groups = Math.max(numClass, 1);
    JsonNode model = gbtreeModel(learner.path("gradient_booster"));
    float[] base = baseMargin(params, objective, groups);
    checkNoCategoryEncoder(model);
    return new Trees(features, groups, model).build(objective, base);
  }

  private static Objective objective(JsonNode learner) {
    String name = learner.path("objective").path("name").asText("");
    return Objective.of(name).orElseThrow(() -> new XGBoostModelException("XGBoost objective '" + name
        + "' is not supported by Kiln's XGBoost predictor (it supports " + Objective.supported() + ")"));
  }

  private static JsonNode gbtreeModel(JsonNode booster) {
    String name = booster.path("name").asText("");
    if (!name.equals("gbtree")) {
      throw new XGBoostModelException("XGBoost booster '" + name + "' is not supported by Kiln's XGBoost predictor "
          + "(it predicts gbtree models; dart and gblinear are not supported yet)");
    }
    JsonNode model = booster.path("model");
    if (!model.path("trees").isArray()) {
      throw new XGBoostModelException("gradient_booster.model has no 'trees' array");
    }
    return model;
  }

  private static void checkNoCategoryEncoder(JsonNode model) {
    JsonNode enc = model.path("cats").path("enc");
    if (enc.isArray() && !enc.isEmpty()) {
      throw new XGBoostModelException("the model carries a category encoder (gradient_booster.model.cats): "
          + "categorical features are not supported by Kiln's XGBoost predictor");
    }
  }

  /** {@code base_score} ("5E-1", or "[5E-1]" and "[a,b,c]" since XGBoost 3) as margins, one per group. */
  private static float[] baseMargin(JsonNode params, Objective objective, int groups) {
    String text = params.path("base_score").asText("").trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    String[] parts = text.split(",");
    if (parts.length != 1 && parts.length != groups) {
      throw new XGBoostModelException("learner_model_param.base_score has " + parts.length + " values for "
          + groups + " outputs");
    }
    float[] base = new float[groups];
    for (int g = 0; g < groups; g++) {
      String p = parts[parts.length == 1 ? 0 : g].trim();
      try {
        base[g] = objective.margin(Float.parseFloat(p));
      } catch (NumberFormatException e) {
        throw new XGBoostModelException("learner_model_param.base_score is not a number: '" + p + "'", e);
      }
    }
    return base;
  }

  static int integer(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    try {
      if (n.isIntegralNumber()) {
        return n.intValue();
      }
      return Integer.parseInt(n.asText());
    } catch (NumberFormatException e) {
      throw new XGBoostModelException("'" + field + "' is missing or not a whole number (found '" + n.asText() + "')",
          e);
    }
  }
}
