package dev.kiln.cli;

import dev.kiln.core.history.RunHistory;
import dev.kiln.core.stats.PipelineStatistics;
import dev.kiln.core.stats.StatsReport;
import dev.kiln.release.step.GateStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln stats}: pipeline statistics from the run history. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Pipeline statistics from the recorded runs: runs and success and failure rates per pipeline and per "
            + "stage, how often the run-cache made a stage up to date or restored it, wall time (p50 and p95), "
            + "CPU time and peak memory per stage, the slowest and most failing stages, and gate verdicts "
            + "over time.",
        "",
        "Times, CPU and memory count the executions that ran and succeeded. Quantiles are NumPy's default "
            + "(linear). See docs/monitoring.md."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln stats                          the last 30 days, every pipeline",
        "  kiln stats --since 7d --pipeline credit-risk",
        "  kiln stats --json                   the same figures for scripts",
        "  kiln stats --html stats.html        a page with plots"})
final class StatsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d",
      description = "Runs started in this long before now (30d, 12h) or since this date or time "
          + "(2026-11-01, 2026-11-01T08:00:00Z). Default: 30d.")
  String since;

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline (default: every pipeline "
      + "in the store).")
  String pipeline;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML page with plots.")
  Path html;

  @Override
  public Integer call() throws IOException {
    if (json && html != null) {
      throw new UsageException("choose one of --json and --html");
    }
    Since window = Since.parse(since, root.clock);
    try (StoreAccess access = StoreAccess.open(root)) {
      RunHistory history = access.store.runs();
      Optional<String> only = Optional.ofNullable(pipeline);
      only.ifPresent(p -> requireKnown(history, p));
      StatsReport report = PipelineStatistics.of(window.start(), history.runsSince(window.start(), only),
          history.executionsSince(window.start(), only), GateStep::blessedIn, ZoneId.systemDefault());
      if (json) {
        root.out.println(Json.pretty(StatsJson.of(report, window)));
      } else if (html != null) {
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(html, StatsPage.render(report, window));
        root.out.println("Wrote " + html + " (" + report.pipelines().size() + " pipeline"
            + (report.pipelines().size() == 1 ? "" : "s") + ").");
      } else {
        new StatsText(root.out).print(report, window);
      }
      return ExitCodes.OK;
    }
  }

  private static void requireKnown(RunHistory history, String name) {
    java.util.List<String> known = history.pipelines();
    if (!known.contains(name)) {
      String hint = dev.kiln.core.config.Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'? ")
          .orElse("");
      throw new UsageException("no runs of pipeline '" + name + "' in the store (" + hint + (known.isEmpty()
          ? "it holds no runs yet)" : "it holds runs of: " + String.join(", ", known) + ")"));
    }
  }
}
