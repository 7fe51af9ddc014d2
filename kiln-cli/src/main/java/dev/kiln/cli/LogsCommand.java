package dev.kiln.cli;

import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln logs RUN [STAGE]}: the saved output of a run's stages. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the saved output of a run's stages.")
final class LogsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "RUN", arity = "0..1", description = "Run number or 'latest' (default).")
  String run;

  @Parameters(index = "1", paramLabel = "STAGE", arity = "0..1", description = "One stage (default: every stage that ran).")
  String stage;

  @Override
  public Integer call() throws IOException {
    try (Project project = Project.open(root)) {
      RunRecord r = RunRefs.resolve(project, run);
      List<ExecutionRecord> stages = project.store.runs().executions(r.id());
      if (stage != null) {
        ExecutionRecord e = stages.stream().filter(x -> x.stage().equals(stage)).findFirst()
            .orElseThrow(() -> new UsageException("run " + r.id() + " has no stage '" + stage + "'"
                + dev.kiln.core.config.Suggestions.hint(stage, stages.stream().map(ExecutionRecord::stage).toList())));
        if (e.logPath() == null) {
          root.out.println("(stage '" + stage + "' did not run in run " + r.id() + ": " + e.status().label() + ")");
          return ExitCodes.OK;
        }
        print(project.dir.resolve(e.logPath()));
        return ExitCodes.OK;
      }
      for (ExecutionRecord e : stages) {
        if (e.logPath() != null) {
          root.out.println("==> " + e.stage() + " (" + e.status().label() + ") <==");
          print(project.dir.resolve(e.logPath()));
        }
      }
      return ExitCodes.OK;
    }
  }

  private void print(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      root.out.println("(log " + log + " is gone)");
      return;
    }
    try (var lines = Files.lines(log)) {
      lines.forEach(root.out::println);
    }
  }
}
