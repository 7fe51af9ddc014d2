package dev.kiln.cli;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

  /**
   * Referenced objects: every recorded stage output and every registered model version's
   * artifact, and for directories the files their manifests list.
   */
  private static Set<Digest> live(Project project) throws IOException {
    Map<Digest, Output.Kind> roots = new TreeMap<>(project.store.runs().referencedObjects());
    roots.putAll(project.store.registry().referencedArtifacts());
    Set<Digest> live = new TreeSet<>(roots.keySet());
    for (Map.Entry<Digest, Output.Kind> r : roots.entrySet()) {
      if (r.getValue() == Output.Kind.DIRECTORY && project.artifacts.contains(r.getKey())) {
        project.artifacts.manifest(r.getKey()).forEach(e -> live.add(e.digest()));
      }
    }
    return live;
  }
}
