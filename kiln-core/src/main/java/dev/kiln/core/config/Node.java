package dev.kiln.core.config;

/**
 * A parsed YAML or JSON value that remembers where it came from (line, column, key path), so
 * validation can say exactly where a problem is. Mappings keep their key order.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

  int line();

  int column();

  /** Dotted path from the document root, with list indexes: {@code stages.train.deps[1]}. */
  String path();

  /** What the node is, for messages: "a mapping", "a list", "a string", "a number", … */
  String describe();

  /** The plain Java value: LinkedHashMap, List, String, Number, Boolean or null. */
  Object toPlain();

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
