package dev.kiln.cli;

import dev.kiln.release.registry.RegisteredModel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models and their aliases.")
final class ModelsList implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      List<RegisteredModel> models = a.store.registry().models();
      if (json) {
        root.out.println(Json.pretty(models.stream().map(m -> Json.object("name", m.name(), "latest_version",
            m.latestVersion(), "aliases", new TreeMap<>(m.aliases()), "description", m.description())).toList()));
        return ExitCodes.OK;
      }
      if (models.isEmpty()) {
        root.out.println("No registered models yet. Register one with a 'register' stage or 'kiln models register'.");
        return ExitCodes.OK;
      }
      Table t = new Table("MODEL", "LATEST", "ALIASES", "DESCRIPTION");
      for (RegisteredModel m : models) {
        List<String> aliases = new ArrayList<>();
        new TreeMap<>(m.aliases()).forEach((k, v) -> aliases.add(k + "=v" + v));
        t.row(m.name(), "v" + m.latestVersion(), String.join(" ", aliases), m.description());
      }
      t.print(root.out);
      return ExitCodes.OK;
    });
  }
}
