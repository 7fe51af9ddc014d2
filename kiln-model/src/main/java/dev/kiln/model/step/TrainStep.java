package dev.kiln.model.step;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import dev.kiln.data.read.DataReadException;
import dev.kiln.model.train.Algorithm;
import dev.kiln.model.train.TrainOptions;
import dev.kiln.model.train.Training;
import dev.kiln.model.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code uses: train}: trains a model with a built-in algorithm into {@code out} (default
 * {@code model/}). Hyperparameters come from {@code with.params} and from the params the stage
 * declares ({@code train.max_depth} sets {@code max_depth}). Records the training metrics
 * ({@code validation.auc}, {@code train.auc}, …) for gates.
 */
public final class TrainStep implements Step {
  static final List<String> KEYS = List.of("data", "label", "algorithm", "task", "features", "exclude", "validation",
      "validation-fraction", "seed", "params", "out", "max-levels");

  /**
   * Every key this step accepts under {@code with:}, in the order the docs list them (the
   * docs/kiln-yaml.md and docs/models.md tables are tested against it).
   */
  public List<String> withKeys() {
    return KEYS;
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "Train a model (gradient boosting, logistic regression, linear SGD, CART, random forest) into model/";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    ConfigReader r = check.reader();
    r.allowOnly(with, KEYS);
    for (String key : List.of("data", "label")) {
      if (!with.has(key)) {
        check.problems().add(with, "with." + key + " is required");
      }
    }
    r.string(with, "data");
    r.string(with, "label");
    r.string(with, "algorithm").ifPresent(a -> {
      if (Algorithm.parse(a).isEmpty()) {
        check.problems().add(with.get("algorithm").orElseThrow(), "unknown algorithm '" + a + "'"
            + dev.kiln.core.config.Suggestions.hint(a, Algorithm.words()) + " (known: "
            + String.join(", ", Algorithm.words()) + ")");
      }
    });
    r.string(with, "task").ifPresent(t -> {
      if (!t.equals("classification") && !t.equals("regression")) {
        check.problems().add(with.get("task").orElseThrow(), "task must be classification or regression");
      }
    });
    r.stringList(with, "features");
    r.stringList(with, "exclude");
    r.string(with, "validation");
    r.string(with, "out");
    r.integer(with, "seed", 0);
    r.integer(with, "max-levels", 2);
    r.map(with, "params");
    with.get("validation-fraction").ifPresent(n -> {
      if (!(n instanceof dev.kiln.core.config.ScalarNode s && s.value() instanceof Number v
          && v.doubleValue() >= 0 && v.doubleValue() < 1)) {
        check.problems().add(n, "validation-fraction must be a number in [0, 1)");
      }
    });
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    With w = new With(with);
    List<String> deps = new ArrayList<>();
    w.string("data").ifPresent(deps::add);
    w.string("validation").ifPresent(deps::add);
    return new StepPaths(deps, List.of(w.string("out").orElse("model")));
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    With w = new With(context.with());
    TrainOptions o = options(w, context.params(), context);
    TrainingResult r;
    try {
      r = Training.run(context.resolve(w.required("data")).toString(), o,
          context.resolve(w.string("out").orElse("model")), context.log());
    } catch (DataReadException e) {
      return StepResult.failed(e.userMessage(), Map.of(), List.of());
    }
    String key = r.metrics().containsKey("validation.auc") ? "validation.auc"
        : r.metrics().containsKey("validation.r2") ? "validation.r2" : "train.accuracy";
    String reason = r.metrics().containsKey(key)
        ? String.format(java.util.Locale.ROOT, "trained %s: %s %.4f", o.algorithm().word(), key, r.metrics().get(key))
        : "trained " + o.algorithm().word();
    return StepResult.passed(reason, r.metrics());
  }

  static TrainOptions options(With w, Map<String, Object> stageParams, StepContext context) {
    Map<String, Object> hp = new LinkedHashMap<>();
    stageParams.forEach((k, v) -> hp.put(k.substring(k.lastIndexOf('.') + 1), v));
    Object given = context.with().get("params");
    if (given instanceof Map<?, ?> m) {
      m.forEach((k, v) -> hp.put(String.valueOf(k), v));
    }
    Algorithm a = Algorithm.parse(w.string("algorithm").orElse("gradient-boosting")).orElseThrow();
    return new TrainOptions(w.required("label"), a, w.string("task"), w.strings("features"), w.strings("exclude"),
        w.string("validation").map(v -> context.resolve(v).toString()),
        w.number("validation-fraction").orElse(TrainOptions.DEFAULT_VALIDATION_FRACTION),
        w.number("seed").map(Double::longValue).orElse(TrainOptions.DEFAULT_SEED), hp,
        w.number("max-levels").map(Double::intValue).orElse(TrainOptions.DEFAULT_MAX_LEVELS));
  }

}
