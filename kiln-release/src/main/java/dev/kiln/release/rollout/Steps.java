package dev.kiln.release.rollout;

import dev.kiln.core.config.Durations;
import java.time.Instant;
import java.util.List;

/** Moving through a canary's steps: entering a weight or a pause, and when a timed pause is over. */
final class Steps {
  private Steps() {}

  static Transition enter(RolloutState s, int index, Instant now, List<RolloutEvent> events) {
    Strategy.Canary c = (Strategy.Canary) s.strategy();
    if (index >= c.steps().size()) {
      return Rollouts.promoted(s, "all steps done: 100% to v" + s.candidate(), now, events);
    }
    String at = "step " + (index + 1) + "/" + c.steps().size();
    CanaryStep step = c.steps().get(index);
    if (step instanceof CanaryStep.Weight w) {
      if (w.percent() == 100) {
        return Rollouts.promoted(s.with(s.phase(), s.reason(), index, 100, now), at + ": 100% to v" + s.candidate(),
            now, events);
      }
      RolloutState t = s.with(Phase.PROGRESSING, "", index, w.percent(), now);
      events.add(new RolloutEvent(now, at + ": " + w.percent() + "% to v" + s.candidate()));
      return new Transition(t, Rollouts.routing(t), events);
    }
    CanaryStep.Pause p = (CanaryStep.Pause) step;
    String why = at + ": holding " + s.weight() + "% on v" + s.candidate() + p.duration()
        .map(d -> " for " + Durations.format(d)).orElse(" until resumed (kiln rollout resume " + s.environment() + ")");
    return Rollouts.paused(s.with(s.phase(), s.reason(), index, s.weight(), now), why, now, events);
  }

  /** True while the rollout holds a weight, blue-green preview or shadow that an analysis judges. */
  static boolean measuring(RolloutState s) {
    if (s.strategy() instanceof Strategy.Canary c) {
      return c.steps().get(s.step()) instanceof CanaryStep.Weight;
    }
    return Rollouts.spec(s).isPresent();
  }

  static boolean atPauseStep(RolloutState s) {
    return s.strategy() instanceof Strategy.Canary c && c.steps().get(s.step()) instanceof CanaryStep.Pause;
  }

  static boolean timedPauseOver(RolloutState s, Instant now) {
    if (!(s.strategy() instanceof Strategy.Canary c) || !(c.steps().get(s.step()) instanceof CanaryStep.Pause p)) {
      return false;
    }
    return p.duration().map(d -> !now.isBefore(s.since().plus(d))).orElse(false);
  }
}
