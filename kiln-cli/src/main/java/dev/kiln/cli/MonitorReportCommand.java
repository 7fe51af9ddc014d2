package dev.kiln.cli;

import dev.kiln.cli.monitor.MonitorReport;
import dev.kiln.cli.monitor.MonitorReportHtml;
import dev.kiln.cli.monitor.MonitorReportJson;
import dev.kiln.release.monitor.MonitorWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln monitor report --env ENV [--since 24h] [--html FILE | --json]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"One environment's monitoring over a stretch of time: drift per feature over time (drifted "
        + "windows marked), prediction drift, the prediction distribution per version against the reference's, "
        + "latency p50 and p99, error rate and traffic, live accuracy over the "
        + "windows that got labels, and the alerts with what their actions did.",
        "--html writes one self-contained page with the plots (inline SVG, nothing fetched); --json prints the "
            + "same series for scripts; without either, a summary is printed."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln monitor report --env production",
        "  kiln monitor report --env production --since 7d --html monitor.html",
        "  kiln monitor report --env staging --since 2026-12-06T08:00:00Z --json"})
final class MonitorReportCommand implements Callable<Integer> {
  @ParentCommand
  MonitorCommand parent;

  @Option(names = "--env", paramLabel = "ENV", required = true, description = "The environment to report on.")
  String env;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "24h",
      description = "Windows that ended in this last stretch of time, such as 24h or 7d, or since a date or time such "
          + "as 2026-12-01 or 2026-12-06T10:00:00Z (default: 24h).")
  String since;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the report with its plots as an HTML page.")
  Path html;

  @Option(names = "--json", description = "Print the report's series as JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    KilnCommand root = parent.root;
    if (html != null && json) {
      throw new UsageException("--html and --json: choose one (the page and the JSON hold the same series)");
    }
    Instant from = Since.parse(since, root.clock).start();
    MonitorReport report;
    try (StoreAccess a = StoreAccess.open(root)) {
      MonitorEnvironments.require(a.store, env);
      report = MonitorReport.of(env, from, root.clock.instant(), a.store.monitorWindows().since(env, from),
          a.store.alerts().list(Optional.of(env), from));
    }
    if (json) {
      root.out.println(Json.pretty(MonitorReportJson.of(report)));
    } else if (html != null) {
      MonitorReportHtml.write(report, html);
      root.out.println("Wrote " + html + ": " + report.windows().size() + " windows, " + report.alerts().size()
          + " alerts of " + env + " since " + Format.time(from) + ".");
    } else {
      summary(root, report);
    }
    return ExitCodes.OK;
  }

  private static void summary(KilnCommand root, MonitorReport r) {
    root.out.println(r.environment() + " since " + Format.time(r.since()) + ": " + r.windows().size() + " windows, "
        + r.alerts().size() + " alerts.");
    if (!r.windows().isEmpty()) {
      Table t = new Table("VERSION", "WINDOWS", "REQUESTS", "ERROR RATE", "P99 MS (LAST)", "DRIFTED WINDOWS", "LABELS",
          "LIVE (LAST)");
      for (String v : r.versions()) {
        var ws = r.windowsOf(v);
        long requests = ws.stream().mapToLong(MonitorWindow::requests).sum();
        long errors = ws.stream().mapToLong(MonitorWindow::errors).sum();
        MonitorWindow last = ws.get(ws.size() - 1);
        var labelled = ws.stream().filter(w -> w.labels() > 0).toList();
        t.row(v, ws.size(), requests, requests == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * errors / requests),
            Double.isNaN(last.latencyP99Ms()) ? "-" : String.format(Locale.ROOT, "%.2f", last.latencyP99Ms()),
            ws.stream().filter(w -> w.features().stream().anyMatch(f -> f.drifted())).count(),
            ws.stream().mapToLong(MonitorWindow::labels).sum(),
            labelled.isEmpty() ? "-" : live(labelled.get(labelled.size() - 1)));
      }
      t.print(root.out);
    }
    r.features().stream().filter(s -> s.driftedWindows() > 0).forEach(s -> root.out.println("  " + s.name()
        + " drifted in " + s.driftedWindows() + " of " + s.points().size() + " windows"));
    r.prediction().filter(s -> s.driftedWindows() > 0).ifPresent(s -> root.out.println("  predictions drifted in "
        + s.driftedWindows() + " of " + s.points().size() + " windows"));
    r.distributions().forEach(d -> root.out.println("  " + d.version() + " predicted in its last window: "
        + lastShares(d)));
    if (!r.alerts().isEmpty()) {
      root.out.println();
      AlertsCommand.table(r.alerts()).print(root.out);
    }
    root.out.println("Plots: kiln monitor report --env " + r.environment() + " --html FILE");
  }

  /** The last window's share of each class or bin beside the reference's, the largest first, at most six. */
  private static String lastShares(MonitorReport.DistributionSeries d) {
    var last = d.points().get(d.points().size() - 1).distribution();
    double[] current = last.currentShares();
    double[] reference = last.referenceShares();
    java.util.List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < current.length; i++) {
      if (current[i] > 0 || reference[i] > 0) {
        order.add(i);
      }
    }
    order.sort((a, b) -> Double.compare(current[b], current[a]));
    StringBuilder s = new StringBuilder();
    for (int i : order.subList(0, Math.min(6, order.size()))) {
      s.append(s.length() == 0 ? "" : ", ").append(d.bins().get(i)).append(' ')
          .append(String.format(Locale.ROOT, "%.1f%% (reference %.1f%%)", 100 * current[i], 100 * reference[i]));
    }
    return order.size() > 6 ? s + ", ..." : s.toString();
  }

  private static String live(MonitorWindow w) {
    StringBuilder s = new StringBuilder();
    new java.util.TreeMap<>(w.accuracy()).forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append(' ')
        .append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v)));
    return s.toString();
  }
}
