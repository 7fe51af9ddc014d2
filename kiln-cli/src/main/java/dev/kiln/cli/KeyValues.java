package dev.kiln.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code KEY=VALUE} command-line arguments (tags, params), in order; anything else is a usage error. */
final class KeyValues {
  private KeyValues() {}

  static Map<String, String> parse(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : args) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("'" + t + "' is not KEY=VALUE");
      }
      out.put(t.substring(0, eq), t.substring(eq + 1));
    }
    return out;
  }
}
