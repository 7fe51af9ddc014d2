package dev.kiln.model.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An algorithm's hyperparameters: its defaults overlaid with what the user gave. Unknown names
 * are an error with a suggestion, so a typo never silently trains with the default.
 */
final class Hyperparameters {
  private final Map<String, Object> values;

  private Hyperparameters(Map<String, Object> values) {
    this.values = values;
  }

  static Map<String, Object> defaults(Algorithm a) {
    Map<String, Object> d = new LinkedHashMap<>();
    switch (a) {
      case GRADIENT_BOOSTING -> {
        d.put("trees", 500);
        d.put("learning_rate", 0.05);
        d.put("max_depth", 4);
        d.put("min_child_weight", 1.0);
        d.put("subsample", 0.8);
        d.put("colsample_bytree", 0.8);
        d.put("lambda", 1.0);
        d.put("alpha", 0.0);
        d.put("max_bin", 256);
        d.put("early_stopping_rounds", 30);
      }
      case LOGISTIC_REGRESSION -> {
        d.put("epochs", 10);
        d.put("learning_rate", 1.0);
      }
      case LINEAR_SGD -> {
        d.put("epochs", 20);
        d.put("learning_rate", 0.01);
      }
      case CART -> {
        d.put("max_depth", 6);
      }
      case RANDOM_FOREST -> {
        d.put("trees", 100);
        d.put("max_depth", 10);
        d.put("feature_fraction", 0.5);
      }
    }
    return d;
  }

  static Hyperparameters of(Algorithm a, Map<String, Object> given) {
    Map<String, Object> v = defaults(a);
    Set<String> known = v.keySet();
    for (var e : given.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown hyperparameter '" + e.getKey() + "' for " + a.word()
            + dev.kiln.core.config.Suggestions.hint(e.getKey(), known) + "; known: " + String.join(", ", known));
      }
      if (!(e.getValue() instanceof Number)) {
        throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' must be a number, found '"
            + e.getValue() + "'");
      }
      v.put(e.getKey(), e.getValue());
    }
    return new Hyperparameters(v);
  }

  int integer(String name) {
    return ((Number) values.get(name)).intValue();
  }

  double number(String name) {
    return ((Number) values.get(name)).doubleValue();
  }

  Map<String, Object> asMap() {
    return new TreeMap<>(values);
  }

  static List<String> names(Algorithm a) {
    return List.copyOf(defaults(a).keySet());
  }
}
