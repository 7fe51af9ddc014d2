package dev.kiln.core.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The parameters file's values, addressed by dotted keys ({@code train.lr}). */
public final class Params {
  public static final Params EMPTY = new Params(Map.of());
  private final Map<String, Object> root;

  public Params(Map<String, Object> root) {
    this.root = Collections.unmodifiableMap(root);
  }

  /** The value at a dotted key; a key may also name a whole sub-tree. */
  public Optional<Object> get(String dottedKey) {
    Object current = root;
    for (String part : dottedKey.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> m) || !m.containsKey(part)) {
        return Optional.empty();
      }
      current = m.get(part);
    }
    return Optional.ofNullable(current);
  }

  public boolean has(String dottedKey) {
    Object current = root;
    for (String part : dottedKey.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> m) || !m.containsKey(part)) {
        return false;
      }
      current = m.get(part);
    }
    return true;
  }

  /** Every key, leaves and sub-trees, sorted: for suggestions and expressions. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    collect("", root, keys);
    Collections.sort(keys);
    return keys;
  }

  /** Every leaf value by dotted key, sorted. */
  public Map<String, Object> flatten() {
    Map<String, Object> flat = new TreeMap<>();
    flattenInto("", root, flat);
    return flat;
  }

  public Map<String, Object> asMap() {
    return root;
  }

  private static void collect(String prefix, Map<?, ?> map, List<String> keys) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      keys.add(key);
      if (e.getValue() instanceof Map<?, ?> sub) {
        collect(key + ".", sub, keys);
      }
    }
  }

  private static void flattenInto(String prefix, Map<?, ?> map, Map<String, Object> flat) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) {
        flattenInto(key + ".", sub, flat);
      } else {
        flat.put(key, e.getValue());
      }
    }
  }
}
