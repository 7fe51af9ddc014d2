package dev.kiln.model.train;

import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient boosting with XGBoost4J ({@code hist} trees). With validation data it stops when the
 * validation loss has not improved for {@code early_stopping_rounds} rounds and keeps the best
 * round's model. Writes {@code model.json} in XGBoost's own JSON format, which Python XGBoost
 * loads too.
 */
final class XGBoostTrainer implements ModelTrainer {
  static final String FILE = "model.json";

  @Override
  public Trained train(TrainingSet train, Optional<TrainingSet> validation, Signature signature, Hyperparameters hp,
      long seed, PrintStream log, Path dir) throws XGBoostError {
    DMatrix dtrain = matrix(train);
    Optional<DMatrix> dvalid = validation.map(XGBoostTrainer::matrixUnchecked);
    Map<String, Object> params = params(signature.task(), hp, seed);
    try {
      Booster booster = XGBoost.train(dtrain, params, 0, Map.of(), null, null);
      Map<String, Object> facts = boost(booster, dtrain, dvalid, hp, log);
      Booster best = XGBoost.loadModel((byte[]) facts.remove("model"));
      setFeatureNames(best, signature.featureNames());
      best.saveModel(dir.resolve(FILE).toString());
      best.dispose();
      booster.dispose();
      facts.put("params", new java.util.TreeMap<>(params));
      return new Trained(FILE, ModelFormat.XGBOOST, facts);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot reload the trained booster: " + e.getMessage(), e);
    } finally {
      dtrain.dispose();
      dvalid.ifPresent(DMatrix::dispose);
    }
  }

  private static Map<String, Object> boost(Booster booster, DMatrix train, Optional<DMatrix> valid, Hyperparameters hp,
      PrintStream log) throws XGBoostError {
    int rounds = hp.integer("trees");
    int patience = hp.integer("early_stopping_rounds");
    double best = Double.POSITIVE_INFINITY;
    int bestRound = -1;
    byte[] bestModel = null;
    for (int round = 0; round < rounds; round++) {
      booster.update(train, round);
      if (valid.isEmpty()) {
        continue;
      }
      String eval = booster.evalSet(new DMatrix[] {valid.get()}, new String[] {"validation"}, round);
      double loss = Double.parseDouble(eval.substring(eval.lastIndexOf(':') + 1).trim());
      if (round % 10 == 0 || round == rounds - 1) {
        log.println(eval.trim());
      }
      if (loss < best) {
        best = loss;
        bestRound = round;
        bestModel = booster.toByteArray("ubj");
      } else if (patience > 0 && round - bestRound >= patience) {
        log.println("early stopping at round " + round + ": best validation loss " + best + " at round " + bestRound);
        break;
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    if (bestModel == null) {
      bestModel = booster.toByteArray("ubj");
      bestRound = rounds - 1;
    }
    facts.put("model", bestModel);
    facts.put("best_iteration", bestRound);
    facts.put("trees", bestRound + 1);
    if (valid.isPresent()) {
      facts.put("best_validation_loss", best);
    }
    return facts;
  }

  static Map<String, Object> params(Task task, Hyperparameters hp, long seed) {
    Map<String, Object> p = new HashMap<>();
    if (task instanceof Task.Classification c && c.binary()) {
      p.put("objective", "binary:logistic");
      p.put("eval_metric", "logloss");
    } else if (task instanceof Task.Classification c) {
      p.put("objective", "multi:softprob");
      p.put("num_class", c.classes().size());
      p.put("eval_metric", "mlogloss");
    } else {
      p.put("objective", "reg:squarederror");
      p.put("eval_metric", "rmse");
    }
    p.put("tree_method", "hist");
    p.put("eta", hp.number("learning_rate"));
    p.put("max_depth", hp.integer("max_depth"));
    p.put("min_child_weight", hp.number("min_child_weight"));
    p.put("subsample", hp.number("subsample"));
    p.put("colsample_bytree", hp.number("colsample_bytree"));
    p.put("lambda", hp.number("lambda"));
    p.put("alpha", hp.number("alpha"));
    p.put("max_bin", hp.integer("max_bin"));
    p.put("seed", seed);
    p.put("nthread", Runtime.getRuntime().availableProcessors());
    p.put("verbosity", 0);
    return p;
  }

  private static DMatrix matrix(TrainingSet s) throws XGBoostError {
    DMatrix m = new DMatrix(s.x().values(), s.x().rows(), s.x().cols(), Float.NaN);
    m.setLabel(s.y());
    return m;
  }

  private static DMatrix matrixUnchecked(TrainingSet s) {
    try {
      return matrix(s);
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** XGBoost rejects names with '[', ']' or '<'; such models keep their names in model.yaml only. */
  private static void setFeatureNames(Booster b, List<String> names) throws XGBoostError {
    if (names.stream().noneMatch(n -> n.contains("[") || n.contains("]") || n.contains("<"))
        && names.stream().distinct().count() == names.size()) {
      b.setFeatureNames(names.toArray(String[]::new));
    }
  }
}
