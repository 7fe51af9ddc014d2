package dev.kiln.core.pipeline;

import dev.kiln.core.path.ProjectPaths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One named node of the pipeline's DAG, as written in kiln.yaml after defaults. Paths are
 * project-relative and normalised ({@code data/train.csv}, {@code model} for {@code model/}).
 */
public record Stage(
    String name,
    Action action,
    List<String> needs,
    List<String> deps,
    List<String> outs,
    List<String> params,
    Optional<String> metrics,
    Map<String, String> env,
    Optional<Condition> condition,
    Retries retries,
    Optional<Duration> timeout,
    boolean cache,
    boolean alwaysRun,
    Optional<String> junit,
    String description) {

  public Stage {
    needs = List.copyOf(needs);
    deps = List.copyOf(deps);
    outs = List.copyOf(outs);
    params = List.copyOf(params);
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }

  /** Outputs the store keeps for this stage: its outs plus its metrics file. */
  public List<String> storedOutputs() {
    if (metrics.isEmpty() || outs.stream().anyMatch(o -> ProjectPaths.overlaps(o, metrics.get()))) {
      return outs;
    }
    List<String> all = new java.util.ArrayList<>(outs);
    all.add(metrics.get());
    return List.copyOf(all);
  }

  /** A stage with neither deps nor outputs cannot be up to date; it runs every time (as in DVC). */
  public boolean alwaysChanged() {
    return alwaysRun || (deps.isEmpty() && storedOutputs().isEmpty() && params.isEmpty());
  }
}
