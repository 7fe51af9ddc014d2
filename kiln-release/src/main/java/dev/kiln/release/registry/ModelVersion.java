package dev.kiln.release.registry;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.history.GitState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of a registered model and its lineage: the run and stage that made it,
 * the git commit, the data it was trained on (path → SHA-256), params, metrics, the gate's
 * verdict, and the artifact's digest. Only tags and the description change after registration.
 */
public record ModelVersion(
    String model,
    int version,
    Output artifact,
    Lineage lineage,
    Map<String, Object> params,
    Map<String, Double> metrics,
    GateOutcome gate,
    Map<String, String> tags,
    String description,
    List<String> aliases,
    String createdBy,
    Instant createdAt) {

  public ModelVersion {
    params = Map.copyOf(params);
    metrics = Map.copyOf(metrics);
    tags = Map.copyOf(tags);
    aliases = List.copyOf(aliases);
  }

  /** Where a version came from. {@code runId} is null for versions registered by hand. */
  public record Lineage(Long runId, String pipeline, String stage, GitState git, Map<String, String> data) {
    public Lineage {
      data = Map.copyOf(data);
    }
  }

  /** The gate's verdict on this version: none (no gate ran), blessed, or not, with reasons. */
  public record GateOutcome(Boolean blessed, List<String> reasons) {
    public static final GateOutcome NONE = new GateOutcome(null, List.of());

    public GateOutcome {
      reasons = List.copyOf(reasons);
    }

    public String describe() {
      return blessed == null ? "no gate" : blessed ? "blessed" : "not blessed";
    }
  }

  public ModelRef ref() {
    return ModelRef.version(model, version);
  }
}
