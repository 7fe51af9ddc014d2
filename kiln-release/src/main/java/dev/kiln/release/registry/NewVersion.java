package dev.kiln.release.registry;

import dev.kiln.core.artifact.Output;
import java.time.Instant;
import java.util.Map;

/**
 * What registering a version records; the registry assigns the version number. Registering
 * is idempotent on {@link #identity()}: the same artifact from the same pipeline stage is the
 * same version.
 */
public record NewVersion(
    String model,
    Output artifact,
    ModelVersion.Lineage lineage,
    Map<String, Object> params,
    Map<String, Double> metrics,
    ModelVersion.GateOutcome gate,
    Map<String, String> tags,
    String description,
    String createdBy,
    Instant createdAt) {

  public NewVersion {
    if (!ModelRef.MODEL_NAME.matcher(model).matches()) {
      throw new RegistryException("invalid model name '" + model + "': use letters, digits, '_', '-', '.' and '/'");
    }
    params = Map.copyOf(params);
    metrics = Map.copyOf(metrics);
    tags = Map.copyOf(tags);
  }

  public VersionIdentity identity() {
    return new VersionIdentity(model, artifact.digest(), lineage.pipeline(), lineage.stage());
  }
}
