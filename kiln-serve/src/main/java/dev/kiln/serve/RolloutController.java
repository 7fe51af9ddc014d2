package dev.kiln.serve;

import dev.kiln.release.environment.ControllerLeases;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentConflictException;
import dev.kiln.release.environment.RolloutCommand;
import dev.kiln.release.rollout.AnalysisSpec;
import dev.kiln.release.rollout.Measurement;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Rollouts;
import dev.kiln.serve.control.Measurer;
import dev.kiln.serve.metrics.LiveWindows;
import dev.kiln.serve.route.LoadRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The rollout controller, inside the gateway that has the live figures. Each {@link #tick} it
 * applies what the store says the environment runs (through its {@link DeploymentFollower}),
 * then moves the rollout in progress on: a candidate that does not load aborts the rollout;
 * when an analysis interval is over it measures the candidate against stable over that window
 * ({@link Measurer}) and hands the measurement to the state machine; otherwise timers run
 * (timed pauses, the warm window after a switch). Every change goes through {@link Deployer}
 * with compare-and-set, so a person's command in between wins and the controller reads it on
 * its next tick. A window opens whenever the rollout enters a step, so each analysis sees only
 * traffic routed by that step's weights. The state lives in the store, so a restarted gateway
 * carries on where the last one left off. With several gateways on one store, all route alike
 * and only the holder of the environment's {@link ControllerLeases lease} acts (it measures its
 * own share of the traffic); when it dies, another takes over once the lease expires.
 */
public final class RolloutController implements AutoCloseable {
  static final Duration LEASE = Duration.ofSeconds(15);
  private final DeploymentFollower follower;
  private final Deployer deployer;
  private final ControllerLeases leases;
  private final LiveWindows windows;
  private final Clock clock;
  private final String actor;
  private final Consumer<String> log;
  private Instant windowOpened;
  private Instant windowStart;
  private ScheduledExecutorService timer;

  public RolloutController(DeploymentFollower follower, Deployer deployer, ControllerLeases leases,
      LiveWindows windows, Clock clock, String actor, Consumer<String> log) {
    this.follower = follower;
    this.deployer = deployer;
    this.leases = leases;
    this.windows = windows;
    this.clock = clock;
    this.actor = actor;
    this.log = log;
  }

  /** Applies the store's routing and takes at most one step of the rollout in progress. */
  public synchronized void tick() throws LoadRefusedException {
    follower.check();
    Optional<RolloutState> open = follower.deployment().flatMap(Deployment::rollout)
        .filter(r -> !r.phase().finished() || r.warmUntil() != null);
    if (open.isEmpty()) {
      return;
    }
    RolloutState s = open.get();
    Instant now = clock.instant();
    if (!leases.hold(follower.environment(), actor, now, LEASE)) {
      windowOpened = null;
      return;
    }
    Optional<String> refused = follower.refusal(s.candidate()).filter(r -> !s.phase().finished());
    try {
      if (refused.isPresent()) {
        deployer.command(follower.environment(), RolloutCommand.ABORT, actor, "v" + s.candidate()
            + " does not load: " + refused.get());
      } else if (!s.since().equals(windowOpened)) {
        openWindow(s, now);
        deployer.advance(follower.environment(), actor, st -> Rollouts.tick(st, now)).ifPresent(this::logged);
      } else if (Rollouts.analysisDue(s, now.minus(Duration.between(s.since(), windowStart)))) {
        AnalysisSpec spec = Rollouts.spec(s).orElseThrow();
        Map<String, Double> labels = follower.loaded(s.candidate()).map(v -> v.referenceLabels()).orElse(Map.of());
        Measurement m = Measurer.measure(spec, windows.take(follower.model(), s.candidate()),
            windows.take(follower.model(), s.stable()), labels, now);
        deployer.advance(follower.environment(), actor, st -> Rollouts.observe(st, m, now)).ifPresent(d -> {
          logged(d);
          d.rollout().ifPresent(r -> continueWindow(r, now));
        });
      } else {
        deployer.advance(follower.environment(), actor, st -> Rollouts.tick(st, now)).ifPresent(this::logged);
      }
    } catch (EnvironmentConflictException e) {
      return;
    }
    follower.check();
  }

  /**
   * Opens a window for the step the rollout is in. It may open after the step began (a gateway
   * restarted mid-step), so the analysis is due one full interval after the window opened.
   */
  private void openWindow(RolloutState s, Instant now) {
    windows.take(follower.model(), s.candidate());
    windows.take(follower.model(), s.stable());
    windowOpened = s.since();
    windowStart = now.isBefore(s.since()) ? s.since() : now;
  }

  /** The measurement just took the window: the next one began then, whatever step the rollout is in now. */
  private void continueWindow(RolloutState r, Instant now) {
    windowOpened = r.since();
    windowStart = now;
  }

  private void logged(Deployment d) {
    d.rollout().ifPresent(r -> log.accept(follower.environment() + ": " + r.phase().label()
        + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + "; routing " + d.routing().describe()));
  }

  /** Ticks every {@code interval} on a thread of its own, until closed. */
  public void run(Duration interval) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-rollout-" + follower.environment());
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::tickQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (LoadRefusedException | RuntimeException e) {
      log.accept(follower.environment() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    try {
      leases.release(follower.environment(), actor);
    } catch (RuntimeException e) {
      log.accept(follower.environment() + ": could not release the controller lease (it expires by itself): "
          + e.getMessage());
    }
  }
}
