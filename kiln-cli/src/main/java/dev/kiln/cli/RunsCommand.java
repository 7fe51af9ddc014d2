package dev.kiln.cli;

import dev.kiln.core.history.RunRecord;
import dev.kiln.core.runs.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln runs}: the run history, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List recorded runs, newest first.")
final class RunsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "How many runs (default: 20).")
  int limit;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    try (Project project = Project.open(root)) {
      List<RunRecord> runs = project.store.runs().runs(project.pipeline.name(), limit);
      Runs service = project.runs(root.clock);
      if (json) {
        List<Object> out = new ArrayList<>();
        runs.forEach(r -> out.add(Json.run(r, service.abandoned(r))));
        root.out.println(Json.pretty(out));
        return ExitCodes.OK;
      }
      if (runs.isEmpty()) {
        root.out.println("No runs yet. Start one with 'kiln run'.");
        return ExitCodes.OK;
      }
      Table t = new Table("RUN", "STATUS", "TRIGGER", "STARTED", "DURATION", "COMMIT", "SUMMARY");
      for (RunRecord r : runs) {
        Optional<String> gone = service.abandoned(r);
        t.row(r.id(), gone.isPresent() ? "stopped" : r.status().label(), r.trigger(), Format.time(r.startedAt()),
            r.endedAt() == null ? "-" : Format.millis(r.duration().toMillis()), r.git().describe(),
            gone.map(g -> "did not finish: " + g).orElse(r.reason()));
      }
      t.print(root.out);
      return ExitCodes.OK;
    }
  }
}
