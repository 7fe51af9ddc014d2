package dev.kiln.arch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The cycles of a dependency graph: its strongly connected components of more than one node (Tarjan). */
final class Cycles {
  private final Map<String, Set<String>> deps;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> low = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final List<Set<String>> components = new ArrayList<>();

  private Cycles(Map<String, Set<String>> deps) {
    this.deps = deps;
  }

  static List<Set<String>> in(Map<String, Set<String>> deps) {
    Cycles c = new Cycles(deps);
    deps.keySet().forEach(p -> {
      if (!c.index.containsKey(p)) {
        c.visit(p);
      }
    });
    return c.components.stream().filter(s -> s.size() > 1).toList();
  }

  private void visit(String p) {
    index.put(p, index.size());
    low.put(p, index.get(p));
    stack.push(p);
    for (String q : deps.getOrDefault(p, Set.of())) {
      if (!deps.containsKey(q)) {
        continue;
      }
      if (!index.containsKey(q)) {
        visit(q);
        low.put(p, Math.min(low.get(p), low.get(q)));
      } else if (stack.contains(q)) {
        low.put(p, Math.min(low.get(p), index.get(q)));
      }
    }
    if (low.get(p).equals(index.get(p))) {
      Set<String> c = new TreeSet<>();
      String q;
      do {
        q = stack.pop();
        c.add(q);
      } while (!q.equals(p));
      components.add(c);
    }
  }
}
