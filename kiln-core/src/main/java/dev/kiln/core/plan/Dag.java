package dev.kiln.core.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage graph: each stage with the stages it needs. Immutable and pure; scheduling is
 * {@link #ready}, a function of what has finished, so the executor just asks again whenever a
 * stage completes. Iteration follows the order stages were declared in.
 */
public final class Dag {
  private final Map<String, Set<String>> upstream;
  private final Map<String, Set<String>> downstream;

  private Dag(Map<String, Set<String>> upstream) {
    this.upstream = upstream;
    Map<String, Set<String>> down = new LinkedHashMap<>();
    upstream.keySet().forEach(s -> down.put(s, new LinkedHashSet<>()));
    upstream.forEach((s, ups) -> ups.forEach(u -> down.get(u).add(s)));
    down.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    this.downstream = Collections.unmodifiableMap(down);
  }

  /**
   * Builds the graph from each stage's direct upstream stages.
   *
   * @throws IllegalArgumentException if an upstream stage is not a node
   * @throws CycleException naming one cycle if there is any
   */
  public static Dag build(Map<String, ? extends Collection<String>> needs) {
    Map<String, Set<String>> up = new LinkedHashMap<>();
    needs.forEach((stage, ups) -> up.put(stage, Collections.unmodifiableSet(new LinkedHashSet<>(ups))));
    up.forEach((stage, ups) -> {
      for (String u : ups) {
        if (!up.containsKey(u)) {
          throw new IllegalArgumentException("stage '" + stage + "' needs unknown stage '" + u + "'");
        }
      }
    });
    Dag dag = new Dag(Collections.unmodifiableMap(up));
    List<String> cycle = dag.findCycle();
    if (!cycle.isEmpty()) {
      throw new CycleException(cycle);
    }
    return dag;
  }

  public Set<String> stages() {
    return upstream.keySet();
  }

  public Set<String> upstreamOf(String stage) {
    return upstream.get(stage);
  }

  public Set<String> downstreamOf(String stage) {
    return downstream.get(stage);
  }

  /** The stages and everything they transitively need, in declaration order. */
  public Set<String> withAncestors(Collection<String> targets) {
    return closure(targets, upstream);
  }

  /** The stages and everything that transitively needs them, in declaration order. */
  public Set<String> withDescendants(Collection<String> targets) {
    return closure(targets, downstream);
  }

  /**
   * Stages of {@code selected} that may start now: not yet started, and every upstream stage
   * that is selected has finished. Upstream stages outside the selection count as done.
   */
  public List<String> ready(Set<String> selected, Set<String> finished, Set<String> started) {
    List<String> out = new ArrayList<>();
    for (String s : upstream.keySet()) {
      if (!selected.contains(s) || started.contains(s) || finished.contains(s)) {
        continue;
      }
      boolean allDone = true;
      for (String u : upstream.get(s)) {
        if (selected.contains(u) && !finished.contains(u)) {
          allDone = false;
          break;
        }
      }
      if (allDone) {
        out.add(s);
      }
    }
    return out;
  }

  /** A topological order that keeps declaration order among independent stages. */
  public List<String> topologicalOrder() {
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> all = upstream.keySet();
    while (order.size() < all.size()) {
      List<String> next = ready(all, done, Set.of());
      order.addAll(next);
      done.addAll(next);
    }
    return order;
  }

  private Set<String> closure(Collection<String> targets, Map<String, Set<String>> edges) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (seen.add(s)) {
        todo.addAll(edges.get(s));
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String s : upstream.keySet()) {
      if (seen.contains(s)) {
        ordered.add(s);
      }
    }
    return ordered;
  }

  /** One cycle (first stage repeated at the end), or an empty list. Depth-first, three colours. */
  private List<String> findCycle() {
    Map<String, Integer> colour = new HashMap<>();
    for (String start : upstream.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(start, colour, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private List<String> visit(String s, Map<String, Integer> colour, List<String> path) {
    Integer c = colour.get(s);
    if (c != null && c == 2) {
      return List.of();
    }
    if (c != null && c == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(s), path.size()));
      cycle.add(s);
      Collections.reverse(cycle);
      return cycle;
    }
    colour.put(s, 1);
    path.add(s);
    for (String u : upstream.get(s)) {
      List<String> cycle = visit(u, colour, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    colour.put(s, 2);
    return List.of();
  }
}
