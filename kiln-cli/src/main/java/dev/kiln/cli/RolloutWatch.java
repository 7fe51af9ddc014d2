package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Follows a rollout in the store until it is over: prints each new history event as the gateway's
 * controller records it, says once when nothing has moved it for a while (no gateway follows the
 * environment?), and ends with the outcome: 0 promoted, 1 aborted or still running at the
 * deadline. The controller acts; this only reads.
 */
final class RolloutWatch {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration QUIET = Duration.ofSeconds(20);
  private final KilnCommand root;
  private final Environments environments;
  private final String environment;

  RolloutWatch(KilnCommand root, Environments environments, String environment) {
    this.root = root;
    this.environments = environments;
    this.environment = environment;
  }

  /** Prints events after {@code since} until the rollout is over or {@code timeout} passed. */
  int follow(long since, Duration timeout) {
    long seen = since;
    Instant deadline = root.clock.instant().plus(timeout);
    Instant lastMove = root.clock.instant();
    boolean told = false;
    while (true) {
      long after = seen;
      List<EnvironmentEvent> fresh = environments.history(environment, 1000).stream().filter(e -> e.id() > after)
          .sorted(Comparator.comparingLong(EnvironmentEvent::id)).toList();
      for (EnvironmentEvent e : fresh) {
        root.out.println("  " + Format.time(e.at()) + "  " + e.text());
        seen = e.id();
        lastMove = root.clock.instant();
      }
      Optional<RolloutState> r = environments.find(environment).flatMap(Deployment::rollout);
      if (r.isEmpty() || r.get().phase() == Phase.PROMOTED) {
        root.out.println(environment + ": " + r.map(s -> "v" + s.candidate() + " promoted").orElse("deployed"));
        return ExitCodes.OK;
      }
      if (r.get().phase() == Phase.ABORTED) {
        root.err.println("kiln: the rollout of v" + r.get().candidate() + " to " + environment + " was aborted: "
            + r.get().reason() + "; " + environment + " serves v" + r.get().stable());
        return ExitCodes.FAILED;
      }
      Instant now = root.clock.instant();
      if (!told && r.get().phase() == Phase.PROGRESSING && now.isAfter(lastMove.plus(QUIET))) {
        root.out.println("  (nothing has moved this rollout for " + QUIET.toSeconds() + "s: a gateway following "
            + environment + " carries it out — kiln serve --env " + environment + ")");
        told = true;
      }
      if (now.isAfter(deadline)) {
        root.err.println("kiln: the rollout to " + environment + " is still " + r.get().phase().label() + " after "
            + dev.kiln.core.config.Durations.format(timeout) + "; follow it with kiln rollout status " + environment);
        return ExitCodes.FAILED;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.CANCELLED;
      }
    }
  }

  /** The newest history event's id (0 when there is none). */
  long newest() {
    return environments.history(environment, 1).stream().mapToLong(EnvironmentEvent::id).max().orElse(0);
  }
}
