package dev.kiln.release.environment;

import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.Promoter;
import dev.kiln.release.rollout.RolloutEvent;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Rollouts;
import dev.kiln.release.rollout.Strategy;
import dev.kiln.release.rollout.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The rules for changing what environments run, over the {@link Environments} and registry
 * ports. A deploy starts a rollout (the first deployment of an environment simply serves the
 * version: there is no stable one to compare with); a version its gate did not bless needs
 * force; an environment already in a rollout refuses a new one unless forced (the old one is
 * aborted first). Commands and the controller's steps go through the rollout state machine and
 * are applied with compare-and-set, so two actors never both move an environment.
 */
public final class Deployer {
  private final Environments environments;
  private final ModelRegistry registry;
  private final Clock clock;

  public Deployer(Environments environments, ModelRegistry registry, Clock clock) {
    this.environments = environments;
    this.registry = registry;
    this.clock = clock;
  }

  public Deployment deploy(DeployRequest req) {
    ModelVersion v = registry.resolve(ModelRef.version(req.model(), req.version()));
    Promoter.requireBlessed(v, req.force(), req.reason());
    Instant now = clock.instant();
    Optional<Deployment> current = environments.find(req.environment());
    if (current.isEmpty()) {
      RolloutEvent first = new RolloutEvent(now, "first deployment: v" + v.version() + " serves all traffic (no stable "
          + "version to compare with)");
      return environments.apply(change(req, v.version(), Optional.empty(), List.of(first), OptionalLong.of(0), now));
    }
    Deployment d = current.get();
    if (!d.model().equals(req.model())) {
      throw new EnvironmentException("environment '" + req.environment() + "' runs model '" + d.model() + "', not '"
          + req.model() + "'");
    }
    List<RolloutEvent> events = new ArrayList<>();
    Optional<RolloutState> running = d.inProgress();
    if (running.isPresent()) {
      if (!req.force()) {
        throw new EnvironmentException("environment '" + req.environment() + "' is in a rollout of v"
            + running.get().candidate() + " (" + running.get().phase().label() + describeReason(running.get())
            + "); wait for it, abort it (kiln rollout abort " + req.environment() + "), or force this deployment");
      }
      events.addAll(Rollouts.abort(running.get(), req.actor(), "superseded by v" + v.version(), now).events());
    } else if (d.stable() == v.version()) {
      return d;
    }
    Transition t = Rollouts.start(req.environment(), d.stable(), v.version(), req.strategy(), now);
    events.addAll(t.events());
    return environments.apply(change(req, t.state().serving(), Optional.of(t.state()), events,
        OptionalLong.of(d.revision()), now));
  }

  /** Back to {@code to}, or to the version that served before the current one: at once, under any rollout. */
  public Deployment rollback(String environment, OptionalInt to, String actor, String reason) {
    Deployment d = environments.find(environment).orElseThrow(() -> unknown(environment));
    int target = to.isPresent() ? to.getAsInt() : previous(d);
    registry.resolve(ModelRef.version(d.model(), target));
    Instant now = clock.instant();
    List<RolloutEvent> events = new ArrayList<>();
    d.inProgress().ifPresent(r -> events.addAll(Rollouts.abort(r, actor, "rollback", now).events()));
    String why = reason == null || reason.isBlank() ? "" : ": " + reason;
    events.add(new RolloutEvent(now, "rolled back from v" + d.stable() + " to v" + target + " by " + actor + why));
    Transition t = Rollouts.start(environment, d.stable(), target, new Strategy.Replace(), now);
    return environments.apply(new DeploymentChange(environment, d.model(), target, Optional.of(t.state()), events, actor,
        "rollback" + why, Optional.empty(), OptionalLong.of(d.revision()), now));
  }

  /** A person's command on the rollout in progress: pause, resume, promote or abort. */
  public Deployment command(String environment, RolloutCommand cmd, String actor, String why) {
    return step(environment, actor, why, r -> switch (cmd) {
      case PAUSE -> Rollouts.pause(r, actor, clock.instant());
      case RESUME -> Rollouts.resume(r, actor, clock.instant());
      case PROMOTE -> Rollouts.promote(r, actor, clock.instant());
      case ABORT -> Rollouts.abort(r, actor, why, clock.instant());
    });
  }

  /** The controller's step (an observation, a timer tick) on the rollout in progress, if it changed anything. */
  public Optional<Deployment> advance(String environment, String actor, Function<RolloutState, Transition> machine) {
    Deployment d = environments.find(environment).orElseThrow(() -> unknown(environment));
    Optional<RolloutState> r = d.rollout().filter(s -> !s.phase().finished() || s.warmUntil() != null);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    Transition t = machine.apply(r.get());
    if (t.state().equals(r.get())) {
      return Optional.empty();
    }
    return Optional.of(environments.apply(new DeploymentChange(environment, d.model(), t.state().serving(),
        Optional.of(t.state()), t.events(), actor, "", Optional.empty(), OptionalLong.of(d.revision()), clock.instant())));
  }

  private Deployment step(String environment, String actor, String why, Function<RolloutState, Transition> machine) {
    Deployment d = environments.find(environment).orElseThrow(() -> unknown(environment));
    RolloutState r = d.inProgress().orElseThrow(() -> new EnvironmentException("environment '" + environment
        + "' has no rollout in progress; it runs v" + d.stable()));
    Transition t = machine.apply(r);
    return environments.apply(new DeploymentChange(environment, d.model(), t.state().serving(), Optional.of(t.state()),
        t.events(), actor, why, Optional.empty(), OptionalLong.of(d.revision()), clock.instant()));
  }

  private int previous(Deployment d) {
    return environments.history(d.environment(), Integer.MAX_VALUE).stream()
        .filter(e -> e.toVersion() == d.stable() && e.fromVersion() != null && e.fromVersion() != d.stable())
        .map(EnvironmentEvent::fromVersion).findFirst()
        .orElseThrow(() -> new EnvironmentException("environment '" + d.environment() + "' (v" + d.stable()
            + ") has no earlier version to roll back to"));
  }

  private DeploymentChange change(DeployRequest req, int stable, Optional<RolloutState> rollout,
      List<RolloutEvent> events, OptionalLong expected, Instant now) {
    return new DeploymentChange(req.environment(), req.model(), stable, rollout, events, req.actor(), req.reason(),
        req.runId(), expected, now);
  }

  private EnvironmentException unknown(String environment) {
    List<String> names = environments.all().stream().map(Deployment::environment).toList();
    return new EnvironmentException("no environment '" + environment + "'" + dev.kiln.core.config.Suggestions.hint(
        environment, names) + (names.isEmpty() ? "; nothing is deployed yet" : "; environments: " + String.join(", ", names)));
  }

  private static String describeReason(RolloutState r) {
    return r.reason().isEmpty() ? "" : ": " + r.reason();
  }
}
