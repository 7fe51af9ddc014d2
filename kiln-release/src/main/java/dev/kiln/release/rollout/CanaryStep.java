package dev.kiln.release.rollout;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a canary: send a share of traffic to the candidate for an analysis interval, or
 * pause — for a time, or until someone resumes the rollout by hand (Argo Rollouts' {@code pause: {}}).
 */
public sealed interface CanaryStep {

  /** Route {@code percent} of requests to the candidate (1–100; 100 promotes it). */
  record Weight(int percent) implements CanaryStep {
    public Weight {
      if (percent < 1 || percent > 100) {
        throw new IllegalArgumentException("a canary weight is 1 to 100 percent, not " + percent);
      }
    }
  }

  /** Hold the current weight: for {@code duration}, or indefinitely when empty. */
  record Pause(Optional<Duration> duration) implements CanaryStep {}
}
