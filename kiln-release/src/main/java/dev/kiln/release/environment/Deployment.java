package dev.kiln.release.environment;

import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Rollouts;
import dev.kiln.release.rollout.Routing;
import java.time.Instant;
import java.util.Optional;

/**
 * What an environment runs, as the store keeps it: the model, the stable version, and the
 * rollout in progress or last finished (its state says how traffic is split). {@code revision}
 * counts changes, for compare-and-set. The registry alias named like the environment always
 * points at {@link #stable()}.
 */
public record Deployment(String environment, String model, int stable, Optional<RolloutState> rollout, long revision,
    Instant updatedAt, String updatedBy) {

  /** How gateways route this environment's requests now. */
  public Routing routing() {
    return rollout.filter(r -> !r.phase().finished() || r.warmUntil() != null).map(Rollouts::routing)
        .orElse(Routing.only(stable));
  }

  /** The rollout in progress, if one is (not promoted or aborted yet). */
  public Optional<RolloutState> inProgress() {
    return rollout.filter(r -> !r.phase().finished());
  }
}
