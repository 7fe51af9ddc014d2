package dev.kiln.cli;

import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models show REF}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one version (NAME:VERSION or NAME@ALIAS) with its full lineage, or a model (NAME).")
final class ModelsShow implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(paramLabel = "REF", description = "NAME, NAME:VERSION or NAME@ALIAS.")
  String ref;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      ModelRegistry reg = a.store.registry();
      if (!ref.contains(":") && !ref.contains("@")) {
        List<ModelVersion> versions = reg.versions(ref, 10);
        if (json) {
          root.out.println(Json.pretty(versions.stream().map(ModelsJson::json).toList()));
        } else {
          ModelsTables.printVersions(root, versions);
        }
        return ExitCodes.OK;
      }
      ModelVersion v = reg.resolve(ModelRef.parse(ref));
      if (json) {
        root.out.println(Json.pretty(ModelsJson.json(v)));
        return ExitCodes.OK;
      }
      print(root, v);
      return ExitCodes.OK;
    });
  }

  private static void print(KilnCommand root, ModelVersion v) {
    var o = root.out;
    o.println(v.ref() + (v.aliases().isEmpty() ? "" : "  @" + String.join(" @", v.aliases())));
    if (!v.description().isEmpty()) {
      o.println("  " + v.description());
    }
    o.println("  artifact  " + v.artifact().path() + " (" + Json.lower(v.artifact().kind()) + ", "
        + Format.bytes(v.artifact().size()) + ") " + v.artifact().digest());
    o.println("  created   " + Format.time(v.createdAt()) + " by " + v.createdBy());
    ModelVersion.Lineage l = v.lineage();
    o.println("  lineage   " + (l.runId() == null ? "registered by hand" : "run " + l.runId() + " of '" + l.pipeline()
        + "', stage '" + l.stage() + "'") + ", git " + (l.git().present() ? l.git().describe() : "-"));
    l.data().forEach((p, d) -> o.println("            " + p + "  sha256:" + d.substring(0, 12)));
    o.println("  gate      " + v.gate().describe());
    v.gate().reasons().forEach(r -> o.println("            " + r));
    if (!v.tags().isEmpty()) {
      o.println("  tags      " + String.join(", ", v.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    if (!v.params().isEmpty()) {
      o.println("  params");
      new TreeMap<>(v.params()).forEach((k, x) -> o.println("            " + k + " = " + x));
    }
    if (!v.metrics().isEmpty()) {
      o.println("  metrics");
      new TreeMap<>(v.metrics()).forEach((k, x) -> o.println("            " + k + " = " + Format.number(x)));
    }
  }
}
