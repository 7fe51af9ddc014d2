package dev.kiln.core.plan;

import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.pipeline.Stage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The edges of a pipeline's DAG: each stage's {@code needs}, plus an implicit edge wherever a
 * stage's deps read another stage's outs (as in DVC).
 */
public final class StageGraph {
  private StageGraph() {}

  public static Map<String, Set<String>> upstreamEdges(Pipeline pipeline) {
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    for (Stage s : pipeline.stages().values()) {
      Set<String> up = new LinkedHashSet<>(s.needs());
      for (Stage other : pipeline.stages().values()) {
        if (other != s && readsOutputOf(s, other)) {
          up.add(other.name());
        }
      }
      edges.put(s.name(), up);
    }
    return edges;
  }

  public static Dag of(Pipeline pipeline) {
    return Dag.build(upstreamEdges(pipeline));
  }

  private static boolean readsOutputOf(Stage reader, Stage writer) {
    for (String dep : reader.deps()) {
      for (String out : writer.storedOutputs()) {
        if (ProjectPaths.depReadsOut(dep, out)) {
          return true;
        }
      }
    }
    return false;
  }
}
