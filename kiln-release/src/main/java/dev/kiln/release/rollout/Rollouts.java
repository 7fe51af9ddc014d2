package dev.kiln.release.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rollout state machine: pure functions from a state and an input (a measurement, a timer
 * tick, a person's command) to the next state, the routing gateways apply, and what happened in
 * words. Times come in as arguments (the controller's {@code Clock}), so every path is tested
 * without sleeping. Semantics after Argo Rollouts and Flagger: each canary weight is held for
 * one analysis interval; a passed analysis moves on, failures past the limit abort (all traffic
 * back to stable at once), an inconclusive one (too few requests) pauses, measurement errors
 * are counted apart from failures.
 */
public final class Rollouts {
  private Rollouts() {}

  public static Transition start(String environment, int stable, int candidate, Strategy strategy, Instant now) {
    RolloutState s = new RolloutState(environment, stable, candidate, strategy, Phase.PROGRESSING, "", 0, 0, now, 0, 0,
        0, 0, null);
    List<RolloutEvent> events = new ArrayList<>();
    if (strategy instanceof Strategy.Replace) {
      return promoted(s, "replaced v" + stable + " with v" + candidate, now, events);
    }
    if (strategy instanceof Strategy.Canary) {
      return Steps.enter(s, 0, now, events);
    }
    if (strategy instanceof Strategy.Shadow sh) {
      events.add(new RolloutEvent(now, "shadowing " + sh.percent() + "% of requests to v" + candidate
          + " (answers discarded); analysis every " + dev.kiln.core.config.Durations.format(sh.interval())));
      return new Transition(s, routing(s), events);
    }
    Strategy.BlueGreen bg = (Strategy.BlueGreen) strategy;
    events.add(new RolloutEvent(now, "v" + candidate + " is ready beside v" + stable + "; preview route open"));
    if (bg.prePromotion().isPresent()) {
      return new Transition(s, routing(s), events);
    }
    if (bg.autoPromote()) {
      return promoted(s, "switched: 100% to v" + candidate, now, events);
    }
    return paused(s, "waiting for promotion (kiln rollout promote " + environment + ")", now, events);
  }

  /** Whether the controller should measure the candidate now (an analysis interval has passed). */
  public static boolean analysisDue(RolloutState s, Instant now) {
    Optional<Duration> every = interval(s);
    return s.phase() == Phase.PROGRESSING && every.isPresent() && !now.isBefore(s.since().plus(every.get()))
        && Steps.measuring(s);
  }

  public static Transition observe(RolloutState s, Measurement m, Instant now) {
    if (s.phase() != Phase.PROGRESSING || !Steps.measuring(s)) {
      return new Transition(s, routing(s), List.of());
    }
    AnalysisSpec spec = spec(s).orElseThrow();
    Tally.Counted c = Tally.count(s, spec, Analyzer.judge(spec, m), planned(s));
    List<RolloutEvent> events = new ArrayList<>(List.of(new RolloutEvent(now, c.text())));
    RolloutState t = c.state();
    return switch (c.next()) {
      case ADVANCE -> advance(t, now, events);
      case HOLD -> new Transition(t.with(t.phase(), t.reason(), t.step(), t.weight(), now), routing(t), events);
      case PAUSE -> paused(t, c.text() + "; resume to measure again, or promote or abort", now, events);
      case ABORT -> aborted(t, c.text(), now, events);
    };
  }

  /** Timers: a timed pause ends; a version kept warm after a switch is let go. */
  public static Transition tick(RolloutState s, Instant now) {
    List<RolloutEvent> events = new ArrayList<>();
    if (s.phase() == Phase.PAUSED && Steps.timedPauseOver(s, now)) {
      return Steps.enter(s, s.step() + 1, now, events);
    }
    if (s.phase() == Phase.PROMOTED && s.warmUntil() != null && !now.isBefore(s.warmUntil())) {
      events.add(new RolloutEvent(now, "v" + s.stable() + " unloaded: the rollback window ended"));
      RolloutState t = s.warm(null);
      return new Transition(t, routing(t), events);
    }
    return new Transition(s, routing(s), events);
  }

  public static Transition pause(RolloutState s, String who, Instant now) {
    requireOpen(s, "pause");
    return paused(s, "paused by " + who, now, new ArrayList<>());
  }

  public static Transition resume(RolloutState s, String who, Instant now) {
    requireOpen(s, "resume");
    if (s.phase() != Phase.PAUSED) {
      throw new RolloutException("the rollout of v" + s.candidate() + " in " + s.environment() + " is not paused");
    }
    List<RolloutEvent> events = new ArrayList<>(List.of(new RolloutEvent(now, "resumed by " + who)));
    if (Steps.atPauseStep(s)) {
      return Steps.enter(s, s.step() + 1, now, events);
    }
    RolloutState t = s.with(Phase.PROGRESSING, "", s.step(), s.weight(), now);
    return new Transition(t, routing(t), events);
  }

  public static Transition promote(RolloutState s, String who, Instant now) {
    requireOpen(s, "promote");
    return promoted(s, "promoted by " + who + ": 100% to v" + s.candidate(), now, new ArrayList<>());
  }

  public static Transition abort(RolloutState s, String who, String why, Instant now) {
    requireOpen(s, "abort");
    return aborted(s, "aborted by " + who + (why == null || why.isBlank() ? "" : ": " + why), now, new ArrayList<>());
  }

  /** The routing a state stands for: what every gateway applies, also after a restart. */
  public static Routing routing(RolloutState s) {
    if (s.phase() == Phase.ABORTED) {
      return Routing.only(s.stable());
    }
    if (s.phase() == Phase.PROMOTED) {
      Routing r = Routing.only(s.candidate());
      return s.warmUntil() == null ? r : r.keepingWarm(s.stable());
    }
    if (s.strategy() instanceof Strategy.Shadow sh) {
      return Routing.mirrored(s.stable(), s.candidate(), sh.percent());
    }
    if (s.strategy() instanceof Strategy.BlueGreen) {
      return Routing.previewing(s.stable(), s.candidate());
    }
    return s.weight() == 0 ? Routing.only(s.stable()) : Routing.split(s.stable(), s.candidate(), s.weight());
  }

  static Transition advance(RolloutState s, Instant now, List<RolloutEvent> events) {
    if (s.strategy() instanceof Strategy.Canary) {
      return Steps.enter(s, s.step() + 1, now, events);
    }
    if (s.strategy() instanceof Strategy.Shadow sh && s.passed() < sh.intervals()) {
      RolloutState t = s.with(Phase.PROGRESSING, "", s.step(), s.weight(), now);
      return new Transition(t, routing(t), events);
    }
    boolean auto = s.strategy() instanceof Strategy.Shadow sh ? sh.autoPromote()
        : ((Strategy.BlueGreen) s.strategy()).autoPromote();
    if (auto) {
      return promoted(s, "100% to v" + s.candidate(), now, events);
    }
    return paused(s, "analysis passed; waiting for promotion (kiln rollout promote " + s.environment() + ")", now,
        events);
  }

  static Transition promoted(RolloutState s, String text, Instant now, List<RolloutEvent> events) {
    Instant warm = s.strategy() instanceof Strategy.BlueGreen bg && !bg.keepWarm().isZero() ? now.plus(bg.keepWarm())
        : null;
    RolloutState t = s.with(Phase.PROMOTED, text, s.step(), 100, now).warm(warm);
    events.add(new RolloutEvent(now, text + (warm == null ? "" : "; v" + s.stable() + " stays loaded until " + warm
        + " for an instant rollback")));
    return new Transition(t, routing(t), events);
  }

  static Transition paused(RolloutState s, String why, Instant now, List<RolloutEvent> events) {
    RolloutState t = s.with(Phase.PAUSED, why, s.step(), s.weight(), now);
    events.add(new RolloutEvent(now, "paused: " + why));
    return new Transition(t, routing(t), events);
  }

  static Transition aborted(RolloutState s, String why, Instant now, List<RolloutEvent> events) {
    RolloutState t = s.with(Phase.ABORTED, why, s.step(), 0, now);
    events.add(new RolloutEvent(now, "aborted: " + why + "; all traffic back to v" + s.stable()));
    return new Transition(t, routing(t), events);
  }

  private static void requireOpen(RolloutState s, String what) {
    if (s.phase().finished()) {
      throw new RolloutException("cannot " + what + " the rollout of v" + s.candidate() + " in " + s.environment()
          + ": it is already " + s.phase().label());
    }
  }

  /** The analysis that judges this rollout's candidate, if its strategy has one. */
  public static Optional<AnalysisSpec> spec(RolloutState s) {
    if (s.strategy() instanceof Strategy.Canary c) {
      return Optional.of(c.analysis());
    }
    if (s.strategy() instanceof Strategy.Shadow sh) {
      return Optional.of(sh.analysis());
    }
    return s.strategy() instanceof Strategy.BlueGreen bg ? bg.prePromotion() : Optional.empty();
  }

  private static Optional<Duration> interval(RolloutState s) {
    if (s.strategy() instanceof Strategy.Canary c) {
      return Optional.of(c.interval());
    }
    if (s.strategy() instanceof Strategy.Shadow sh) {
      return Optional.of(sh.interval());
    }
    return s.strategy() instanceof Strategy.BlueGreen bg && bg.prePromotion().isPresent()
        ? Optional.of(bg.interval()) : Optional.empty();
  }

  private static int planned(RolloutState s) {
    if (s.strategy() instanceof Strategy.Canary c) {
      return c.plannedAnalyses();
    }
    return s.strategy() instanceof Strategy.Shadow sh ? sh.intervals() : 0;
  }
}
