package dev.kiln.cli;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.runs.Gc;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln gc}: deletes objects that no record references. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Delete artifact objects that no recorded stage execution and no registered model version references.",
        "Takes the project's run lock, so it never races a run."})
final class GcCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    try (Project project = Project.open(root)) {
      Optional<Gc.Result> result = project.runs(root.clock).gc(project.artifactHolders(), dryRun);
      if (result.isEmpty()) {
        root.err.println("kiln: a run is in progress (" + project.runs(root.clock).lockHolder() + "); try gc later");
        return ExitCodes.BUSY;
      }
      Gc.Result r = result.get();
      if (dryRun) {
        for (Digest d : r.deleted()) {
          root.out.println("would delete " + d);
        }
      }
      int count = r.deleted().size();
      root.out.println((dryRun ? "Would delete " : "Deleted ") + count + " object" + (count == 1 ? "" : "s")
          + " (" + Format.bytes(r.bytes()).replace("-", "0 B") + "); kept " + r.kept() + " referenced.");
      return ExitCodes.OK;
    }
  }
}
