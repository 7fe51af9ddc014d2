package dev.kiln.cli;

import dev.kiln.cli.monitor.AlertView;
import dev.kiln.release.monitor.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln alerts [--env ENV] [--since 7d] [--json]}. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
        "The alerts monitor rules raised, newest first: when, in which environment, which rule fired on which "
            + "version and why, and what each of its actions (log, webhook, rollback, retrain) did.",
        "The table shows each action once with its latest status; --json gives every record of every action "
            + "(a webhook's failed attempts too) and the evidence the rule judged."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln alerts", "  kiln alerts --env production --since 24h", "  kiln alerts --since 30d --json"})
final class AlertsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--env", paramLabel = "ENV", description = "Only this environment's alerts (default: every environment).")
  String env;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "7d",
      description = "Alerts raised in this last stretch of time, such as 24h or 30d, or since a date or time such "
          + "as 2026-12-01 or 2026-12-06T10:00:00Z (default: 7d).")
  String since;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    Instant from = Since.parse(since, root.clock).start();
    try (StoreAccess a = StoreAccess.open(root)) {
      if (env != null) {
        MonitorEnvironments.require(a.store, env);
      }
      List<Alert> alerts = a.store.alerts().list(Optional.ofNullable(env), from);
      if (json) {
        root.out.println(Json.pretty(alerts.stream().map(AlertView::json).toList()));
      } else if (alerts.isEmpty()) {
        root.out.println("No alert" + (env == null ? "" : " in " + env) + " since " + Format.time(from) + ".");
      } else {
        table(alerts).print(root.out);
      }
      return ExitCodes.OK;
    }
  }

  static Table table(List<Alert> alerts) {
    Table t = new Table("WHEN", "ENVIRONMENT", "RULE", "VERSION", "ACTIONS", "SUMMARY");
    for (Alert x : alerts) {
      t.row(Format.time(x.at()), x.environment(), x.rule(), AlertView.version(x.model(), x.version()),
          AlertView.actions(x), x.summary());
    }
    return t;
  }
}
