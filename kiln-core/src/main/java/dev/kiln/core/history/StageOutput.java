package dev.kiln.core.history;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage execution hands to the stages downstream of it, as stored: a typed value (its
 * type's name and canonical JSON) and environment variables for downstream commands (a deploy
 * stage exports its environment's URL as {@code KILN_ENDPOINT_STAGING}). {@link #NONE} when the
 * stage hands on nothing.
 */
public record StageOutput(String type, String json, Map<String, String> exports) {
  public static final StageOutput NONE = new StageOutput("", "", Map.of());

  public StageOutput {
    type = type == null ? "" : type;
    json = json == null ? "" : json;
    exports = exports == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(exports));
  }

  public StageOutput(String type, String json) {
    this(type, json, Map.of());
  }

  public boolean present() {
    return !type.isEmpty() || !exports.isEmpty();
  }

  public StageOutput exporting(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(exports);
    all.putAll(more);
    return new StageOutput(type, json, all);
  }
}
