package dev.kiln.release.environment;

import dev.kiln.release.rollout.Strategy;
import java.util.Optional;

/**
 * A request to roll a version out to an environment: which model and version, how (strategy),
 * who and why, the run that asks (if any), and whether to force it — past a failed gate, or
 * over a rollout already in progress (which is then aborted).
 */
public record DeployRequest(String environment, String model, int version, Strategy strategy, String actor,
    String reason, Optional<Long> runId, boolean force) {

  public DeployRequest {
    reason = reason == null ? "" : reason;
  }
}
