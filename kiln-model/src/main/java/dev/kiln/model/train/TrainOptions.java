package dev.kiln.model.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to train: the label and algorithm, the task when the label alone does not say it
 * ({@code classification} or {@code regression}), which columns are features (all but the
 * label by default, minus {@code exclude}), the validation data (a file, or a seeded random
 * fraction of the training data), the seed, and the algorithm's hyperparameters.
 */
public record TrainOptions(String label, Algorithm algorithm, Optional<String> task, List<String> features,
    List<String> exclude, Optional<String> validation, double validationFraction, long seed,
    Map<String, Object> params, int maxLevels) {

  public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_MAX_LEVELS = 100;

  public TrainOptions {
    features = List.copyOf(features);
    exclude = List.copyOf(exclude);
    params = Map.copyOf(params);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("the validation fraction must be in [0, 1), found " + validationFraction);
    }
    task.ifPresent(t -> {
      if (!t.equals("classification") && !t.equals("regression")) {
        throw new IllegalArgumentException("task must be classification or regression, found '" + t + "'");
      }
    });
  }

  public static TrainOptions of(String label, Algorithm algorithm) {
    return new TrainOptions(label, algorithm, Optional.empty(), List.of(), List.of(), Optional.empty(),
        DEFAULT_VALIDATION_FRACTION, DEFAULT_SEED, Map.of(), DEFAULT_MAX_LEVELS);
  }

  public TrainOptions withParams(Map<String, Object> p) {
    return new TrainOptions(label, algorithm, task, features, exclude, validation, validationFraction, seed, p, maxLevels);
  }

  public TrainOptions withSeed(long s) {
    return new TrainOptions(label, algorithm, task, features, exclude, validation, validationFraction, s, params, maxLevels);
  }

  public TrainOptions withValidationFraction(double f) {
    return new TrainOptions(label, algorithm, task, features, exclude, validation, f, seed, params, maxLevels);
  }

  public TrainOptions withExclude(List<String> e) {
    return new TrainOptions(label, algorithm, task, features, e, validation, validationFraction, seed, params, maxLevels);
  }
}
