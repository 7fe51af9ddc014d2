package dev.kiln.core.load;

import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Stage;

import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.Suggestions;
import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.plan.CycleException;
import dev.kiln.core.plan.Dag;
import dev.kiln.core.plan.StageGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whole-pipeline checks: needs, cycles, outputs written twice, deps nobody provides, conditions.
 * All in one pass: a cycle is looked for among the edges that are valid, whatever else is wrong.
 */
final class PipelineValidator {
  private final Pipeline pipeline;
  private final Map<String, MapNode> nodes;
  private final Problems problems;
  private final boolean paramsKnown;

  /** {@code paramsKnown} is false when the params file could not be read: conditions are not checked. */
  PipelineValidator(Pipeline pipeline, Map<String, MapNode> nodes, Problems problems, boolean paramsKnown) {
    this.pipeline = pipeline;
    this.nodes = nodes;
    this.problems = problems;
    this.paramsKnown = paramsKnown;
  }

  void validate() {
    checkNeeds();
    checkOuts();
    checkDeps();
    if (paramsKnown) {
      checkConditions();
    }
    checkCycles();
  }

  private void checkNeeds() {
    for (Stage s : pipeline.stages().values()) {
      for (int i = 0; i < s.needs().size(); i++) {
        String need = s.needs().get(i);
        Node at = at(s.name(), "needs", i);
        if (need.equals(s.name())) {
          problems.add(at, "a stage cannot need itself");
        } else if (!pipeline.stages().containsKey(need)) {
          problems.add(at, "unknown stage '" + need + "'" + Suggestions.hint(need, pipeline.stages().keySet()));
        }
      }
    }
  }

  private void checkOuts() {
    Map<String, String> owner = new HashMap<>();
    for (Stage s : pipeline.stages().values()) {
      for (int i = 0; i < s.outs().size(); i++) {
        String out = s.outs().get(i);
        for (Map.Entry<String, String> e : owner.entrySet()) {
          if (ProjectPaths.overlaps(out, e.getKey())) {
            problems.add(at(s.name(), "outs", i), "'" + out + "' overlaps '" + e.getKey()
                + "', an output of stage '" + e.getValue() + "'");
          }
        }
        owner.put(out, s.name());
      }
    }
  }

  private void checkDeps() {
    for (Stage s : pipeline.stages().values()) {
      for (int i = 0; i < s.deps().size(); i++) {
        String dep = s.deps().get(i);
        if (producedByAnotherStage(s, dep) || exists(dep)) {
          continue;
        }
        String what = ProjectPaths.isGlob(dep) ? "matches no file" : "does not exist";
        problems.add(at(s.name(), "deps", i), "'" + dep + "' " + what + " and no stage outputs it");
      }
    }
  }

  private boolean producedByAnotherStage(Stage s, String dep) {
    for (Stage other : pipeline.stages().values()) {
      if (other != s && other.storedOutputs().stream().anyMatch(out -> ProjectPaths.depReadsOut(dep, out))) {
        return true;
      }
    }
    return false;
  }

  private boolean exists(String dep) {
    Path root = pipeline.projectDir();
    if (!ProjectPaths.isGlob(dep)) {
      return Files.exists(root.resolve(dep));
    }
    String base = ProjectPaths.globBase(dep);
    Path dir = base.isEmpty() ? root : root.resolve(base);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + dep);
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> m.matches(root.relativize(p)));
    } catch (IOException e) {
      return false;
    }
  }

  private void checkConditions() {
    Map<String, Object> names = new HashMap<>();
    pipeline.params().keys().forEach(k -> names.put("params." + k, ""));
    PipelineParser.builtInNames().forEach(n -> names.put(n, ""));
    ExprEvaluator checker = new ExprEvaluator(names);
    for (Stage s : pipeline.stages().values()) {
      s.condition().ifPresent(c -> {
        try {
          checker.checkNames(c.expr());
        } catch (ExprException e) {
          problems.add(nodes.get(s.name()).get("if").orElseThrow(), "invalid condition: " + e.getMessage());
        }
      });
    }
  }

  /** Looks for a cycle among the valid edges: needs of unknown stages and of the stage itself are left out. */
  private void checkCycles() {
    Map<String, Set<String>> valid = new LinkedHashMap<>();
    StageGraph.upstreamEdges(pipeline).forEach((stage, ups) -> valid.put(stage, ups.stream()
        .filter(up -> !up.equals(stage) && pipeline.stages().containsKey(up))
        .collect(Collectors.toCollection(LinkedHashSet::new))));
    try {
      Dag.build(valid);
    } catch (CycleException e) {
      String first = e.cycle().get(0);
      Node at = nodes.get(first).get("needs").map(n -> (Node) n).orElse(nodes.get(first));
      problems.add(at, "stages form a " + e.getMessage());
    }
  }

  private Node at(String stage, String key, int index) {
    MapNode m = nodes.get(stage);
    Optional<Node> node = m.get(key);
    if (node.isEmpty()) {
      return m;
    }
    if (node.get() instanceof ListNode l && index < l.items().size()) {
      return l.items().get(index);
    }
    return node.get();
  }
}
