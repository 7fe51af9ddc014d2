package dev.kiln.model.step;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a step's plain {@code with:} values, already checked by the step's validate. */
final class With {
  private final Map<String, Object> values;

  With(Map<String, Object> values) {
    this.values = values;
  }

  Optional<String> string(String key) {
    Object v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  String required(String key) {
    return string(key).orElseThrow(() -> new IllegalArgumentException("with." + key + " is required"));
  }

  List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  Optional<Double> number(String key) {
    Object v = values.get(key);
    return v instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
  }

  Optional<Boolean> bool(String key) {
    Object v = values.get(key);
    return v instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  Map<String, String> stringMap(String key) {
    Object v = values.get(key);
    if (!(v instanceof Map<?, ?> m)) {
      return Map.of();
    }
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
    return out;
  }
}
