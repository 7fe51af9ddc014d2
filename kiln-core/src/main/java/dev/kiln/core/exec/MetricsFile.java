package dev.kiln.core.exec;

import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.YamlReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a stage's metrics file (JSON or YAML) and keeps every number under its dotted key
 * ({@code {"eval": {"auc": 0.8}}} → {@code eval.auc = 0.8}); booleans count as 1 and 0, other
 * values are ignored.
 */
public final class MetricsFile {
  private MetricsFile() {}

  /** The numbers in the file; a missing or malformed file is an error whose message says why. */
  public static Map<String, Double> read(Path file, String displayName) {
    Problems problems = new Problems(displayName);
    Optional<Node> node = YamlReader.read(file, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("metrics file " + problems.list().get(0));
    }
    Map<String, Double> out = new TreeMap<>();
    flatten("", node.orElseThrow().toPlain(), out);
    return out;
  }

  public static void flatten(String prefix, Object value, Map<String, Double> out) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        flatten(prefix + "[" + i + "]", l.get(i), out);
      }
    } else if (value instanceof Number n && !prefix.isEmpty()) {
      out.put(prefix, n.doubleValue());
    } else if (value instanceof Boolean b && !prefix.isEmpty()) {
      out.put(prefix, b ? 1.0 : 0.0);
    }
  }
}
