package dev.kiln.core.config;

import java.util.ArrayList;
import java.util.List;

/** A YAML sequence. */
public record ListNode(List<Node> items, int line, int column, String path) implements Node {

  public ListNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }

  @Override
  public Object toPlain() {
    List<Object> plain = new ArrayList<>(items.size());
    for (Node item : items) {
      plain.add(item.toPlain());
    }
    return plain;
  }
}
