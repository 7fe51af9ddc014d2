package dev.kiln.cli;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelVersion;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln lineage REF} and {@code kiln lineage --data sha256:…}. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Where a model version came from: data files and commit, through the run's stages, to the version "
        + "and its aliases. With --data, the versions trained on that data."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln lineage credit-risk:3", "  kiln lineage --data sha256:5891b5b522d5"})
final class LineageCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(paramLabel = "REF", arity = "0..1", description = "NAME:VERSION or NAME@ALIAS.")
  String ref;

  @Option(names = "--data", paramLabel = "DIGEST", description = "List versions trained on data with this SHA-256 "
      + "(a prefix of 12 or more hex digits is enough).")
  String data;

  @Override
  public Integer call() {
    if ((ref == null) == (data == null)) {
      throw new UsageException("name a model version (kiln lineage credit-risk:3) or data (--data sha256:…)");
    }
    return ModelsCommand.withRegistry(root, a -> {
      if (data != null) {
        return byData(a);
      }
      ModelVersion v = a.store.registry().resolve(ModelRef.parse(ref));
      ModelVersion.Lineage l = v.lineage();
      root.out.println("data and code");
      l.data().forEach((p, d) -> root.out.println("  " + p + "  sha256:" + d));
      root.out.println("  git " + (l.git().present() ? l.git().describe() + " on " + l.git().branch() : "-"));
      if (l.runId() != null) {
        root.out.println("run " + l.runId() + " of '" + l.pipeline() + "'");
        List<ExecutionRecord> stages = a.store.runs().executions(l.runId());
        for (ExecutionRecord e : stages) {
          root.out.println("  " + e.stage() + ": " + e.status().label()
              + (e.outputs().isEmpty() ? "" : " → " + String.join(", ", e.outputs().stream().map(o -> o.path()).toList())));
        }
      } else {
        root.out.println("registered by hand (no run)");
      }
      root.out.println("version " + v.ref() + "  " + v.artifact().digest() + "  gate: " + v.gate().describe());
      a.store.registry().history(v.model(), java.util.Optional.empty(), 10_000).stream()
          .filter(m -> m.toVersion() == v.version())
          .forEach(m -> root.out.println("  @" + m.alias() + " since " + Format.time(m.movedAt()) + " by " + m.movedBy()));
      root.out.println("deployments: none recorded (deployment arrives with the deploy step)");
      return ExitCodes.OK;
    });
  }

  private int byData(StoreAccess a) {
    String hex = data.toLowerCase().replaceFirst("^sha256:", "");
    if (!hex.matches("[0-9a-f]{12,64}")) {
      throw new UsageException("'" + data + "' is not a SHA-256 digest (sha256: followed by 12 to 64 hex digits)");
    }
    List<ModelVersion> hits = hex.length() == 64 ? a.store.registry().trainedOn(new Digest(hex))
        : a.store.registry().allVersions(1_000_000).stream()
            .filter(v -> v.lineage().data().values().stream().anyMatch(d -> d.startsWith(hex))).toList();
    if (hits.isEmpty()) {
      root.out.println("No registered version was trained on sha256:" + hex + ".");
      return ExitCodes.OK;
    }
    ModelsTables.printVersions(root, hits);
    return ExitCodes.OK;
  }
}
