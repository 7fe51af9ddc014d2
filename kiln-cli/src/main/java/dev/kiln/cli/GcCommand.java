package dev.kiln.cli;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.PathHash;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln gc}: deletes objects that no record references. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Delete artifact objects that no recorded stage execution references.",
        "Takes the project's run lock, so it never races a run."})
final class GcCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    try (Project project = Project.open(root)) {
      Optional<RunLock> lock = RunLock.acquire(project.kilnDir(), java.time.Duration.ZERO, () -> {});
      if (lock.isEmpty()) {
        root.err.println("kiln: a run is in progress (" + RunLock.holder(project.kilnDir()) + "); try gc later");
        return ExitCodes.BUSY;
      }
      try (RunLock held = lock.get()) {
        Set<Digest> live = live(project);
        long count = 0;
        long bytes = 0;
        for (Digest d : project.artifacts.list()) {
          if (!live.contains(d)) {
            count++;
            bytes += project.artifacts.size(d);
            if (dryRun) {
              root.out.println("would delete " + d);
            } else {
              project.artifacts.delete(d);
            }
          }
        }
        root.out.println((dryRun ? "Would delete " : "Deleted ") + count + " object" + (count == 1 ? "" : "s")
            + " (" + Format.bytes(bytes).replace("-", "0 B") + "); kept " + live.size() + " referenced.");
        return ExitCodes.OK;
      }
    }
  }

  /** Referenced objects: every recorded output, and the files each directory manifest lists. */
  private static Set<Digest> live(Project project) throws IOException {
    Set<Digest> live = new TreeSet<>(project.store.runs().referencedObjects());
    for (Digest d : List.copyOf(live)) {
      if (!project.artifacts.contains(d)) {
        continue;
      }
      try {
        for (PathHash.Entry e : project.artifacts.manifest(d)) {
          live.add(e.digest());
        }
      } catch (IllegalArgumentException | IOException notAManifest) {
        // a plain file object
      }
    }
    return live;
  }
}
