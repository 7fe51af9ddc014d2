package dev.kiln.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping; keys keep their order and their own position for "unknown key" messages. */
public record MapNode(List<Field> fields, int line, int column, String path) implements Node {

  /** One key of a mapping, located at the key itself. */
  public record Field(String key, int line, int column, Node value) {}

  public MapNode {
    fields = List.copyOf(fields);
  }

  public Optional<Node> get(String key) {
    for (Field f : fields) {
      if (f.key().equals(key)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  public boolean has(String key) {
    return get(key).isPresent();
  }

  public List<String> keys() {
    List<String> keys = new ArrayList<>(fields.size());
    for (Field f : fields) {
      keys.add(f.key());
    }
    return keys;
  }

  @Override
  public String describe() {
    return "a mapping";
  }

  @Override
  public Object toPlain() {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Field f : fields) {
      plain.put(f.key(), f.value().toPlain());
    }
    return plain;
  }
}
