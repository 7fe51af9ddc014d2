package dev.kiln.serve.monitor;

import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentConflictException;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.environment.RolloutCommand;
import dev.kiln.release.rollout.RolloutState;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code rollback}: through the {@link Deployer}, as {@code kiln rollback ENV} does — the
 * environment goes back to the version it served before, any rollout is aborted, the alias
 * {@code MODEL@ENV} moves with it, and the history says which rule did it and why. An alert on
 * the candidate of a rollout in progress aborts that rollout instead (stable was never the
 * problem); an alert on a version the environment no longer serves is skipped.
 */
final class RollbackAction implements MonitorAction {
  private final Deployer deployer;
  private final Environments environments;

  RollbackAction(Deployer deployer, Environments environments) {
    this.deployer = deployer;
    this.environments = environments;
  }

  @Override
  public String name() {
    return "rollback";
  }

  /** Retried when the rollout controller or a person moved the environment in between (compare-and-set). */
  @Override
  public void run(Alarm a, Done done) {
    for (int attempt = 1; ; attempt++) {
      try {
        once(a, done);
        return;
      } catch (EnvironmentConflictException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private void once(Alarm a, Done done) {
    Optional<Deployment> now = environments.find(a.environment());
    if (now.isEmpty()) {
      done.report("skipped", "nothing is deployed to " + a.environment());
      return;
    }
    Deployment d = now.get();
    String actor = "monitor rule " + a.rule();
    String why = "alert " + a.alertId() + ": " + a.summary();
    Optional<RolloutState> rollout = d.inProgress();
    if (rollout.isPresent() && Integer.toString(rollout.get().candidate()).equals(a.version())
        && rollout.get().candidate() != d.stable()) {
      Deployment after = deployer.command(a.environment(), RolloutCommand.ABORT, actor, why);
      done.report("ok", "aborted the rollout of v" + a.version() + "; " + a.environment() + " serves v"
          + after.stable());
      return;
    }
    if (!Integer.toString(d.stable()).equals(a.version())) {
      done.report("skipped", a.environment() + " no longer serves v" + a.version() + " (it serves v" + d.stable()
          + ")");
      return;
    }
    Deployment after = deployer.rollback(a.environment(), OptionalInt.empty(), actor, why);
    done.report("ok", "rolled " + a.environment() + " back from v" + d.stable() + " to v" + after.stable());
  }
}
