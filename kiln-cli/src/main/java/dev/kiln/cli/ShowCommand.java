package dev.kiln.cli;

import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln show RUN}: one run's stages, reasons, timings, resources and metrics. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a run: versions, and for each stage its status, reason, duration, CPU time, peak memory, "
        + "metrics and failing tests.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(paramLabel = "RUN", arity = "0..1", description = "Run number, 'latest' (default) or 'latest~N'.")
  String run;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    try (Project project = Project.open(root)) {
      RunRecord r = RunRefs.resolve(project, run);
      List<ExecutionRecord> stages = project.store.runs().executions(r.id());
      if (json) {
        Map<String, Object> m = Json.run(r);
        m.put("stages", stages.stream().map(Json::execution).toList());
        root.out.println(Json.pretty(m));
        return ExitCodes.OK;
      }
      header(r);
      Table t = new Table("STAGE", "STATUS", "WALL", "CPU", "PEAK MEM", "EXIT", "REASON");
      for (ExecutionRecord e : stages) {
        t.row(e.stage(), e.status().label(), Format.millis(e.wallMillis()), Format.millis(e.cpuMillis()),
            Format.bytes(e.peakRssBytes()), e.exitCode(), e.reason());
      }
      t.print(root.out);
      metrics(stages);
      details(stages);
      return ExitCodes.OK;
    }
  }

  private void header(RunRecord r) {
    root.out.println("Run " + r.id() + " of '" + r.pipeline() + "': " + r.status().label()
        + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
    root.out.println("  started   " + Format.time(r.startedAt()) + ", took "
        + (r.endedAt() == null ? "-" : Format.millis(r.duration().toMillis())));
    root.out.println("  trigger   " + r.trigger() + (r.cause().isEmpty() ? "" : " (" + r.cause() + ")")
        + (r.targets().isEmpty() ? "" : ", stages " + String.join(" ", r.targets())));
    if (r.ci().present()) {
      root.out.println("  ci        " + r.ci().describe() + ciBuilt(r.ci()));
    }
    root.out.println("  git       " + (r.git().present() ? r.git().describe() + " on " + r.git().branch() : "not a git repository"));
    root.out.println("  kiln      " + r.kilnVersion() + " on " + r.host());
    root.out.println();
  }

  private static String ciBuilt(dev.kiln.core.history.CiRun ci) {
    String commit = ci.commit() == null ? "" : ci.commit().length() > 12 ? ci.commit().substring(0, 12) : ci.commit();
    String on = ci.branch() == null ? "" : " on " + ci.branch();
    return commit.isEmpty() && on.isEmpty() ? "" : (", built " + commit + on).replace("built  on", "built on");
  }

  private void metrics(List<ExecutionRecord> stages) {
    Table t = new Table("STAGE", "METRIC", "VALUE");
    for (ExecutionRecord e : stages) {
      e.metrics().forEach((k, v) -> t.row(e.stage(), k, Format.number(v)));
    }
    if (!t.isEmpty()) {
      root.out.println();
      t.print(root.out);
    }
  }

  private void details(List<ExecutionRecord> stages) {
    for (ExecutionRecord e : stages) {
      if (!e.details().isEmpty()) {
        root.out.println();
        root.out.println(e.stage() + ":");
        e.details().forEach(d -> root.out.println("  " + d));
      }
    }
  }
}
