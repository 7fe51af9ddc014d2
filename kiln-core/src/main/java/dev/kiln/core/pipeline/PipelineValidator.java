package dev.kiln.core.pipeline;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Whole-pipeline checks: needs, cycles, outputs written twice, deps nobody provides, conditions. */
final class PipelineValidator {
  private final Pipeline pipeline;
  private final Map<String, MapNode> nodes;
  private final Problems problems;

  PipelineValidator(Pipeline pipeline, Map<String, MapNode> nodes, Problems problems) {
    this.pipeline = pipeline;
    this.nodes = nodes;
    this.problems = problems;
  }

  void validate() {
    boolean needsOk = checkNeeds();
    checkOuts();
    checkDeps();
    checkConditions();
    if (needsOk) {
      checkCycles();
    }
  }

  private boolean checkNeeds() {
    boolean ok = true;
    for (Stage s : pipeline.stages().values()) {
      for (int i = 0; i < s.needs().size(); i++) {
        String need = s.needs().get(i);
        Node at = at(s.name(), "needs", i);
        if (need.equals(s.name())) {
          problems.add(at, "a stage cannot need itself");
          ok = false;
        } else if (!pipeline.stages().containsKey(need)) {
          problems.add(at, "unknown stage '" + need + "'" + Suggestions.hint(need, pipeline.stages().keySet()));
          ok = false;
        }
      }
    }
    return ok;
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

  private void checkCycles() {
    try {
      Dag.build(StageGraph.upstreamEdges(pipeline));
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
