package dev.kiln.release.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a candidate version replaces the stable one in an environment: at once ({@link Replace}),
 * by one switch after it is ready beside the old one ({@link BlueGreen}), gradually by weight
 * with an analysis each interval ({@link Canary}), or after answering a copy of live traffic
 * unseen ({@link Shadow}).
 */
public sealed interface Strategy {

  /** Load, verify, warm up, swap. */
  record Replace() implements Strategy {}

  /**
   * The candidate is reachable on the preview route before the switch; an optional analysis of
   * that traffic must pass; without {@code autoPromote} the switch waits for a person. The old
   * version stays loaded for {@code keepWarm} after the switch, for an instant rollback.
   */
  record BlueGreen(Optional<AnalysisSpec> prePromotion, Duration interval, boolean autoPromote, Duration keepWarm)
      implements Strategy {}

  /** Weight steps, each held for one analysis interval (Argo Rollouts, Flagger). */
  record Canary(List<CanaryStep> steps, Duration interval, AnalysisSpec analysis, Optional<String> stickyHeader)
      implements Strategy {
    public Canary {
      steps = List.copyOf(steps);
      if (steps.stream().noneMatch(s -> s instanceof CanaryStep.Weight)) {
        throw new IllegalArgumentException("a canary needs at least one weight step");
      }
    }

    /** How many analyses the steps hold: one per weight below 100. */
    int plannedAnalyses() {
      return (int) steps.stream().filter(s -> s instanceof CanaryStep.Weight w && w.percent() < 100).count();
    }
  }

  /**
   * The candidate gets a copy of {@code percent} of live requests, answered but never returned;
   * after {@code intervals} passed analyses it is promoted ({@code autoPromote}) or waits for a person.
   */
  record Shadow(int percent, int intervals, Duration interval, AnalysisSpec analysis, boolean autoPromote)
      implements Strategy {
    public Shadow {
      if (percent < 1 || percent > 100 || intervals < 1) {
        throw new IllegalArgumentException("a shadow mirrors 1 to 100 percent for at least one interval");
      }
    }
  }
}
