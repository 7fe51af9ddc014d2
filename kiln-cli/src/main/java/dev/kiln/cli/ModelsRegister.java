package dev.kiln.cli;

import dev.kiln.core.artifact.Output;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.release.registry.Registrar;
import dev.kiln.release.registry.Registration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models register PATH --name NAME [--alias ALIAS]}: the CLI twin of the register step. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Register a model file or directory by hand (lineage: the project's git state; no run).")
final class ModelsRegister implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(paramLabel = "PATH", description = "Model file or directory inside the project.")
  String path;

  @Option(names = "--name", required = true, description = "The registered model's name.")
  String name;

  @Option(names = "--alias", description = "Point this alias at the new version.")
  String alias;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tags (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--description", description = "A description.")
  String description = "";

  @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
  String who;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      Path project = a.project();
      Path abs = Path.of(path).toAbsolutePath().normalize();
      if (!abs.startsWith(project)) {
        throw new UsageException(path + " is outside the project " + project);
      }
      String rel = project.relativize(abs).toString();
      try (var hasher = a.hasher()) {
        Registrar registrar = new Registrar(a.store.registry(), a.artifacts(), hasher, project);
        Output out = registrar.store(rel);
        String actor = Actors.or(who);
        NewVersion v = new NewVersion(name, out, new ModelVersion.Lineage(null, null, null, GitInfo.of(project), Map.of()),
            Map.of(), Map.of(), ModelVersion.GateOutcome.NONE, new TreeMap<>(KeyValues.parse(tags)), description, actor,
            root.clock.instant());
        Registration r = registrar.register(v, Optional.ofNullable(alias), "registered by hand");
        r.lines().forEach(root.out::println);
        return ExitCodes.OK;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
