package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln environments [history ENV]}. */
@Command(
    name = "environments",
    mixinStandardHelpOptions = true,
    description = {
        "Every environment: the model and version it serves, the traffic split, the rollout in progress. "
            + "'kiln environments history ENV' lists every change: who, when, from which run, what happened."},
    subcommands = EnvironmentsCommand.History.class,
    footerHeading = "%nExamples:%n",
    footer = {"  kiln environments", "  kiln environments history production -n 20"})
final class EnvironmentsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    return Releases.with(root, a -> {
      List<Deployment> all = a.store().store.environments().all();
      if (json) {
        root.out.println(Json.pretty(all.stream().map(d -> EnvironmentJson.deployment(d, null)).toList()));
      } else if (all.isEmpty()) {
        root.out.println("Nothing is deployed yet (kiln deploy MODEL_REF --env ENV).");
      } else {
        Table t = new Table("ENVIRONMENT", "MODEL", "STABLE", "ROUTING", "ROLLOUT", "UPDATED", "BY");
        for (Deployment d : all) {
          t.row(d.environment(), d.model(), "v" + d.stable(), d.routing().describe(),
              d.rollout().map(r -> EnvironmentJson.kind(r) + " of v" + r.candidate() + ": " + r.phase().label())
                  .orElse("-"), Format.time(d.updatedAt()), d.updatedBy());
        }
        t.print(root.out);
      }
      return ExitCodes.OK;
    });
  }

  /** {@code kiln environments history ENV}. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Every change of an environment, newest first.")
  static final class History implements Callable<Integer> {
    @ParentCommand
    EnvironmentsCommand parent;

    @Parameters(paramLabel = "ENV")
    String env;

    @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "How many entries (default: 100).")
    int limit;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return Releases.with(root, a -> {
        List<EnvironmentEvent> events = a.store().store.environments().history(env, limit);
        if (json) {
          root.out.println(Json.pretty(events.stream().map(EnvironmentJson::event).toList()));
        } else if (events.isEmpty()) {
          root.out.println("No change of '" + env + "' yet.");
        } else {
          Table t = new Table("WHEN", "FROM", "TO", "BY", "RUN", "WHAT");
          for (EnvironmentEvent e : events) {
            t.row(Format.time(e.at()), e.fromVersion() == null ? "-" : "v" + e.fromVersion(), "v" + e.toVersion(),
                e.actor(), e.runId() == null ? "-" : Long.toString(e.runId()), e.text());
          }
          t.print(root.out);
        }
        return ExitCodes.OK;
      });
    }
  }
}
