package dev.kiln.cli;

import dev.kiln.release.registry.ModelVersion;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models versions NAME}. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "List a model's versions, newest first.")
final class ModelsVersions implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "How many (default: 50).")
  int limit;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      List<ModelVersion> versions = a.store.registry().versions(name, limit);
      if (json) {
        root.out.println(Json.pretty(versions.stream().map(ModelsJson::json).toList()));
      } else {
        ModelsTables.printVersions(root, versions);
      }
      return ExitCodes.OK;
    });
  }
}
