package dev.kiln.core.trigger;

import java.util.List;
import java.util.Optional;

/**
 * What a run records as its trigger, parsed from {@code KIND[:CAUSE]} as {@code kiln run --trigger}
 * takes it: {@code manual}, {@code push}, {@code schedule}, {@code data}, {@code ci}, or
 * {@code monitor:RULE}, each optionally followed by {@code :} and a cause in words.
 */
public record TriggerName(String kind, String cause) {
  public static final List<String> KINDS = List.of("manual", "push", "schedule", "data", "ci", "monitor:RULE");

  /** Parses; throws {@link IllegalArgumentException} naming the kinds. */
  public static TriggerName parse(String text) {
    String t = text.trim();
    if (t.startsWith("monitor:")) {
      String rest = t.substring("monitor:".length());
      int colon = rest.indexOf(':');
      String rule = colon < 0 ? rest : rest.substring(0, colon);
      if (!rule.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        throw new IllegalArgumentException("'" + text + "': monitor:RULE needs a rule name (letters, digits, '-', "
            + "'_', '.')");
      }
      return new TriggerName("monitor:" + rule, colon < 0 ? "" : rest.substring(colon + 1).trim());
    }
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown trigger '" + kind + "'"
          + dev.kiln.core.config.Suggestions.hint(kind, KINDS) + " (valid: " + String.join(", ", KINDS) + ")");
    }
    return new TriggerName(kind, colon < 0 ? "" : t.substring(colon + 1).trim());
  }

  public Optional<String> monitorRule() {
    return kind.startsWith("monitor:") ? Optional.of(kind.substring("monitor:".length())) : Optional.empty();
  }
}
