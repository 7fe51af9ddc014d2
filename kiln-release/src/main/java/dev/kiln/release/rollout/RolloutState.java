package dev.kiln.release.rollout;

import java.time.Instant;

/**
 * A rollout of {@code candidate} over {@code stable} in an environment, as the store keeps it:
 * its strategy and phase (with the reason, when paused or aborted), the current step and weight,
 * when that step began, and the analysis tally (passed, failed, consecutive measurement errors).
 * Immutable: {@link Rollouts} returns a new state for every transition.
 */
public record RolloutState(
    String environment,
    int stable,
    int candidate,
    Strategy strategy,
    Phase phase,
    String reason,
    int step,
    int weight,
    Instant since,
    int analyses,
    int passed,
    int failures,
    int consecutiveErrors,
    Instant warmUntil) {

  RolloutState with(Phase p, String why, int s, int w, Instant at) {
    return new RolloutState(environment, stable, candidate, strategy, p, why, s, w, at, analyses, passed, failures,
        consecutiveErrors, warmUntil);
  }

  RolloutState counted(int analysesNow, int passedNow, int failuresNow, int errorsNow) {
    return new RolloutState(environment, stable, candidate, strategy, phase, reason, step, weight, since, analysesNow,
        passedNow, failuresNow, errorsNow, warmUntil);
  }

  RolloutState warm(Instant until) {
    return new RolloutState(environment, stable, candidate, strategy, phase, reason, step, weight, since, analyses,
        passed, failures, consecutiveErrors, until);
  }

  /** The version that serves the environment's traffic once this rollout is over (or now, if it is). */
  public int serving() {
    return phase == Phase.PROMOTED ? candidate : stable;
  }
}
