package dev.kiln.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Typed access to a {@link MapNode} that records a located problem for every value of the wrong
 * shape instead of throwing, so one pass finds every mistake in a file.
 */
public final class ConfigReader {
  private final Problems problems;

  public ConfigReader(Problems problems) {
    this.problems = problems;
  }

  public Problems problems() {
    return problems;
  }

  /**
   * Reports every key of {@code map} not in {@code allowed}: with the closest allowed key when
   * one is close ("did you mean 'deps'?"), else with the allowed keys in alphabetical order.
   */
  public void allowOnly(MapNode map, Collection<String> allowed) {
    for (MapNode.Field f : map.fields()) {
      if (!allowed.contains(f.key())) {
        String hint = Suggestions.hint(f.key(), allowed);
        problems.add(f.line(), f.column(), Node.child(map.path(), f.key()), "unknown key '" + f.key() + "'"
            + (hint.isEmpty() ? " (valid: " + String.join(", ", new TreeSet<>(allowed)) + ")" : hint));
      }
    }
  }

  public Optional<MapNode> asMap(Node node) {
    if (node instanceof MapNode m) {
      return Optional.of(m);
    }
    problems.add(node, "expected a mapping, found " + node.describe());
    return Optional.empty();
  }

  public Optional<MapNode> map(MapNode parent, String key) {
    return parent.get(key).flatMap(this::asMap);
  }

  public Optional<String> string(MapNode parent, String key) {
    return parent.get(key).flatMap(this::asString);
  }

  /** A scalar read as text: strings as they are, numbers and booleans as written. */
  public Optional<String> scalarText(MapNode parent, String key) {
    Optional<Node> node = parent.get(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode s && !s.isNull()) {
      return Optional.of(s.text());
    }
    problems.add(node.get(), "expected a string, found " + node.get().describe());
    return Optional.empty();
  }

  public Optional<String> asString(Node node) {
    if (node instanceof ScalarNode s && s.isString()) {
      return Optional.of((String) s.value());
    }
    problems.add(node, "expected a string, found " + node.describe());
    return Optional.empty();
  }

  /** A string or a list of strings; absent means empty. */
  public List<String> stringList(MapNode parent, String key) {
    Optional<Node> node = parent.get(key);
    if (node.isEmpty()) {
      return List.of();
    }
    return stringList(node.get());
  }

  public List<String> stringList(Node node) {
    if (node instanceof ScalarNode s && s.isString()) {
      return List.of((String) s.value());
    }
    if (node instanceof ScalarNode s && s.isNull()) {
      return List.of();
    }
    if (!(node instanceof ListNode list)) {
      problems.add(node, "expected a string or a list of strings, found " + node.describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node item : list.items()) {
      asString(item).ifPresent(out::add);
    }
    return out;
  }

  public Optional<Boolean> bool(MapNode parent, String key) {
    Optional<Node> node = parent.get(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return Optional.of(b);
    }
    problems.add(node.get(), "expected true or false, found " + node.get().describe());
    return Optional.empty();
  }

  public Optional<Integer> integer(MapNode parent, String key, int min) {
    Optional<Node> node = parent.get(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode s && (s.value() instanceof Integer || s.value() instanceof Long)) {
      long v = ((Number) s.value()).longValue();
      if (v < min || v > Integer.MAX_VALUE) {
        problems.add(node.get(), "must be a whole number of at least " + min + ", found " + v);
        return Optional.empty();
      }
      return Optional.of((int) v);
    }
    problems.add(node.get(), "expected a whole number, found " + node.get().describe());
    return Optional.empty();
  }

  /** A duration such as {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, or seconds. */
  public Optional<Duration> duration(MapNode parent, String key) {
    Optional<Node> node = parent.get(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode s && !s.isNull() && !(s.value() instanceof Boolean)) {
      try {
        return Optional.of(Durations.parse(s.text()));
      } catch (IllegalArgumentException e) {
        problems.add(node.get(), e.getMessage());
        return Optional.empty();
      }
    }
    problems.add(node.get(), "expected a duration such as 30s, 5m or 1h, found " + node.get().describe());
    return Optional.empty();
  }

  /** A mapping of names to scalar values, read as text (for {@code env}). */
  public Map<String, String> stringMap(MapNode parent, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    map(parent, key).ifPresent(m -> {
      for (MapNode.Field f : m.fields()) {
        if (f.value() instanceof ScalarNode s && !(s.value() == null)) {
          out.put(f.key(), s.text());
        } else {
          problems.add(f.value(), "expected a string, found " + f.value().describe());
        }
      }
    });
    return out;
  }
}
