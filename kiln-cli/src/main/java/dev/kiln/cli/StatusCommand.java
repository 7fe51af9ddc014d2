package dev.kiln.cli;

import dev.kiln.core.plan.StageStatus;
import dev.kiln.core.runs.RunRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln status}: which stages are up to date, and for the others every reason why not. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Show which stages are up to date, and for the others every reason why not.",
        "",
        "Reasons: modified deps, changed params, a changed command, an upstream change, missing outputs. "
            + "Unchanged files are not re-read: their hashes come from the hash cache."})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    var gitState = GitInfo.async(Project.locate(root.projectDir));
    try (Project project = Project.open(root)) {
      RunRequest request = RunRequest.all(gitState.join());
      dev.kiln.core.Trace.mark("git state read");
      List<StageStatus> statuses = project.runs(root.clock).plan(request);
      dev.kiln.core.Trace.mark("status checked");
      if (json) {
        root.out.println(Json.pretty(Json.object("pipeline", project.pipeline.name(), "stages", Json.statuses(statuses))));
        return ExitCodes.OK;
      }
      print(project, statuses);
      return ExitCodes.OK;
    }
  }

  private void print(Project project, List<StageStatus> statuses) {
    long changed = statuses.stream().filter(s -> s.state() != StageStatus.State.UP_TO_DATE).count();
    long after = statuses.stream().filter(s -> s.state() == StageStatus.State.AFTER_UPSTREAM).count();
    root.out.println("Pipeline '" + project.pipeline.name() + "': " + (changed == 0 ? "everything is up to date"
        : changed + " of " + statuses.size() + " stages not up to date"
            + (after == 0 ? "" : " (" + after + " decided once the stages they read from have run)")));
    int width = statuses.stream().mapToInt(s -> s.stage().length()).max().orElse(0);
    for (StageStatus s : statuses) {
      String name = s.stage() + " ".repeat(width - s.stage().length());
      String state = s.state() == StageStatus.State.RESTORABLE
          ? "changed (restorable from run " + s.cachedRun().orElse(0L) + ")" : s.state().label();
      root.out.println("  " + name + "  " + state);
      for (String r : s.reasons()) {
        root.out.println("  " + " ".repeat(width) + "    " + r);
      }
    }
  }
}
