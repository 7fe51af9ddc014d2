package dev.kiln.release.environment;

import dev.kiln.release.rollout.RolloutEvent;
import dev.kiln.release.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One change of an environment, as the store applies it in one transaction: the new stable
 * version and rollout state, what happened in words, who and why, the run that asked (if any),
 * and, for compare-and-set, the revision the environment must have now (empty: it must not exist
 * yet, or any revision when {@code force}).
 */
public record DeploymentChange(
    String environment,
    String model,
    int stable,
    Optional<RolloutState> rollout,
    List<RolloutEvent> events,
    String actor,
    String reason,
    Optional<Long> runId,
    OptionalLong expectedRevision,
    Instant at) {

  public DeploymentChange {
    events = List.copyOf(events);
    reason = reason == null ? "" : reason;
  }
}
