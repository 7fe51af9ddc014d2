package dev.kiln.release.registry;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.history.GitState;
import dev.kiln.release.gate.GateVerdict;
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

  /**
   * The gate's verdict on this version: none (no gate ran, {@code blessed} null), blessed, or
   * not, with every check and note.
   */
  public record GateOutcome(Boolean blessed, List<GateVerdict.Check> checks, List<String> notes) {
    public static final GateOutcome NONE = new GateOutcome(null, List.of(), List.of());

    public GateOutcome {
      checks = List.copyOf(checks);
      notes = List.copyOf(notes);
    }

    public static GateOutcome of(GateVerdict v) {
      return new GateOutcome(v.blessed(), v.checks(), v.notes());
    }

    public String describe() {
      return blessed == null ? "no gate" : blessed ? "blessed" : "not blessed";
    }

    /** True only when a gate ran and did not bless the version. */
    public boolean rejected() {
      return Boolean.FALSE.equals(blessed);
    }

    public List<GateVerdict.Check> failures() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** Every check and note as lines: "pass: …", "FAIL: …", "note: …". */
    public List<String> reasons() {
      return new GateVerdict(Boolean.TRUE.equals(blessed), checks, notes).lines();
    }
  }

  /** What makes two registrations the same version (see {@link VersionIdentity}). */
  public VersionIdentity identity() {
    return new VersionIdentity(model, artifact.digest(), lineage.pipeline(), lineage.stage());
  }

  public ModelRef ref() {
    return ModelRef.version(model, version);
  }
}
