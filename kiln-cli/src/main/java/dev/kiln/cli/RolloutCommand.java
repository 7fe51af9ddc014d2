package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.environment.EnvironmentException;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Routing;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln rollout status|pause|resume|promote|abort ENV}. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {
        "See or steer the rollout in progress in an environment.",
        "",
        "status shows its strategy, step, traffic split, analyses and latest events; pause holds the "
            + "current weights; resume goes on; promote sends all traffic to the candidate now; abort sends it "
            + "all back to stable now. The gateway following the environment applies each change."},
    subcommands = {
        RolloutCommand.Status.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class,
        RolloutCommand.Promote.class, RolloutCommand.Abort.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln rollout status production",
        "  kiln rollout abort production -r 'support tickets about wrong scores'"})
final class RolloutCommand implements Runnable {
  @ParentCommand
  KilnCommand root;

  @Override
  public void run() {
    throw new UsageException("name what to do: status, pause, resume, promote or abort (kiln rollout --help)");
  }

  /** {@code kiln rollout status ENV}. */
  @Command(name = "status", mixinStandardHelpOptions = true, description = "The rollout in an environment, in words.")
  static final class Status implements Callable<Integer> {
    @ParentCommand
    RolloutCommand parent;

    @Parameters(paramLabel = "ENV")
    String env;

    @Option(names = {"-n", "--events"}, defaultValue = "10", description = "How many recent events (default: 10).")
    int events;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return Releases.with(root, a -> {
        Deployment d = a.store().store.environments().find(env).orElseThrow(() -> new EnvironmentException(
            "no environment '" + env + "': nothing was deployed to it (kiln deploy MODEL_REF --env " + env + ")"));
        List<EnvironmentEvent> recent = a.store().store.environments().history(env, events);
        if (json) {
          root.out.println(Json.pretty(EnvironmentJson.deployment(d, recent)));
        } else {
          print(root, d, recent);
        }
        return ExitCodes.OK;
      });
    }

    private static void print(KilnCommand root, Deployment d, List<EnvironmentEvent> recent) {
      root.out.println(d.environment() + ": " + d.model() + " v" + d.stable() + " stable; routing "
          + d.routing().describe());
      d.rollout().ifPresent(r -> {
        root.out.println("rollout of v" + r.candidate() + " over v" + r.stable() + " (" + EnvironmentJson.kind(r)
            + "): " + r.phase().label() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        root.out.println("  step " + (r.step() + 1) + ", " + r.weight() + "% to v" + r.candidate() + "; analyses "
            + r.analyses() + " (" + r.passed() + " passed, " + r.failures() + " failed)"
            + (r.consecutiveErrors() > 0 ? ", " + r.consecutiveErrors() + " measurement errors in a row" : ""));
      });
      if (!recent.isEmpty()) {
        root.out.println("events (newest first):");
        recent.forEach(e -> root.out.println("  " + Format.time(e.at()) + "  " + e.text() + "  (" + e.actor() + ")"));
      }
    }
  }

  /** The commands that change a rollout: same options, one domain call each. */
  abstract static class Change implements Callable<Integer> {
    @ParentCommand
    RolloutCommand parent;

    @Parameters(paramLabel = "ENV")
    String env;

    @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
    String reason;

    @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
    String who;

    abstract dev.kiln.release.environment.RolloutCommand command();

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return Releases.with(root, a -> {
        Deployment d = a.deployer().command(env, command(), Actors.or(who), reason);
        RolloutState r = d.rollout().orElseThrow();
        root.out.println(env + ": rollout of v" + r.candidate() + " " + r.phase().label() + (r.reason().isEmpty() ? ""
            : " (" + r.reason() + ")") + "; routing " + d.routing().describe());
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln rollout pause ENV}. */
  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold the current traffic split.")
  static final class Pause extends Change {
    @Override
    dev.kiln.release.environment.RolloutCommand command() {
      return dev.kiln.release.environment.RolloutCommand.PAUSE;
    }
  }

  /** {@code kiln rollout resume ENV}. */
  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on after a pause.")
  static final class Resume extends Change {
    @Override
    dev.kiln.release.environment.RolloutCommand command() {
      return dev.kiln.release.environment.RolloutCommand.RESUME;
    }
  }

  /** {@code kiln rollout promote ENV}. */
  @Command(name = "promote", mixinStandardHelpOptions = true, description = "All traffic to the candidate now.")
  static final class Promote extends Change {
    @Override
    dev.kiln.release.environment.RolloutCommand command() {
      return dev.kiln.release.environment.RolloutCommand.PROMOTE;
    }
  }

  /** {@code kiln rollout abort ENV}. */
  @Command(name = "abort", mixinStandardHelpOptions = true, description = "All traffic back to stable now.")
  static final class Abort extends Change {
    @Override
    dev.kiln.release.environment.RolloutCommand command() {
      return dev.kiln.release.environment.RolloutCommand.ABORT;
    }
  }
}
