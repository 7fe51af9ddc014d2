package dev.kiln.cli;

import dev.kiln.release.registry.AliasMove;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models history NAME}. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Every alias move of a model: who, when, from, to, why.")
final class ModelsHistory implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--alias", paramLabel = "ALIAS", description = "Only this alias.")
  String alias;

  @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "How many moves (default: 100).")
  int limit;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      List<AliasMove> moves = a.store.registry().history(name, Optional.ofNullable(alias), limit);
      if (json) {
        root.out.println(Json.pretty(moves.stream().map(ModelsJson::json).toList()));
      } else if (moves.isEmpty()) {
        root.out.println("No alias of '" + name + "' has moved yet.");
      } else {
        ModelsTables.printMoves(root, moves);
      }
      return ExitCodes.OK;
    });
  }
}
