package dev.kiln.model.train;

import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Signature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One library's training: fits on encoded rows and writes the model file into a directory. */
sealed interface ModelTrainer permits XGBoostTrainer, TribuoTrainer {

  /** What training wrote: the model file's name, its format, and facts worth recording (best iteration, …). */
  record Trained(String file, ModelFormat format, Map<String, Object> facts) {}

  Trained train(TrainingSet train, Optional<TrainingSet> validation, Signature signature, Hyperparameters hp,
      long seed, PrintStream log, Path dir) throws Exception;

  static ModelTrainer of(Algorithm a) {
    return a == Algorithm.GRADIENT_BOOSTING ? new XGBoostTrainer() : new TribuoTrainer(a);
  }
}
