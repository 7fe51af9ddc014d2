package dev.kiln.cli;

import dev.kiln.core.artifact.Fsck;
import dev.kiln.core.hash.CachedHash;
import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln fsck}: verifies every object of the artifact store and every record's references. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
    description = {"Verify the artifact store: every object's content against its SHA-256, and every object a stage "
        + "execution or a registered version needs. Says what is damaged and who needs it.",
        "With --repair, corrupted objects are deleted and every damaged or missing object whose content a "
            + "workspace file still holds is written back from it; a stage whose outputs stay damaged runs again "
            + "next time instead of being restored. Exit code 0 when the store is sound (after repair), 1 when "
            + "damage remains."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln fsck             check, change nothing", "  kiln fsck --repair    check and repair what can be"})
final class FsckCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--repair", description = "Delete corrupted objects and rewrite damaged ones from workspace files.")
  boolean repair;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    try (Project project = Project.open(root)) {
      Optional<Map<Digest, Path>> sources = repair ? Optional.of(workspaceCopies(project)) : Optional.empty();
      Optional<Fsck.Report> report = project.runs(root.clock).fsck(project.artifactHolders(), sources);
      if (report.isEmpty()) {
        root.err.println("kiln: a run is in progress (" + project.runs(root.clock).lockHolder() + "); repair later");
        return ExitCodes.BUSY;
      }
      print(report.get());
      return report.get().clean() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** Workspace files by the digest the hash cache knows for them (each is re-hashed before use). */
  private static Map<Digest, Path> workspaceCopies(Project project) {
    Map<Digest, Path> out = new LinkedHashMap<>();
    for (Map.Entry<String, CachedHash> e : project.store.hashes().under(".").entrySet()) {
      out.putIfAbsent(new Digest(e.getValue().hex()), project.dir.resolve(e.getKey()));
    }
    return out;
  }

  private void print(Fsck.Report r) {
    if (json) {
      root.out.println(Json.pretty(Json.object("objects", r.objects(), "clean", r.clean(),
          "damaged", r.damage().stream().map(d -> Json.object("object", d.object().toString(), "corrupt", d.corrupt(),
              "needed_by", d.neededBy())).toList(), "repaired", r.repaired())));
      return;
    }
    r.repaired().forEach(line -> root.out.println("repaired: " + line));
    r.damage().forEach(d -> root.out.println("damaged: " + d.describe()));
    root.out.println(r.objects() + " object" + (r.objects() == 1 ? "" : "s") + " checked: " + (r.clean()
        ? "the store is sound" : damageSummary(r.damage())));
  }

  private static String damageSummary(List<Fsck.Damage> damage) {
    return damage.size() + " damaged" + (damage.stream().anyMatch(d -> !d.neededBy().isEmpty())
        ? "; stages that need them run again instead of being restored (kiln fsck --repair rewrites what it can)" : "");
  }
}
