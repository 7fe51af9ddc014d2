package dev.kiln.cli;

import dev.kiln.release.registry.ModelRef;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models describe NAME[:VERSION] TEXT}. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Set the description of a model or a version.")
final class ModelsDescribe implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(index = "0", paramLabel = "NAME[:VERSION]")
  String target;

  @Parameters(index = "1", paramLabel = "TEXT")
  String text;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      if (target.contains(":")) {
        ModelRef ref = ModelRef.parse(target);
        a.store.registry().describe(ref.model(), ref.version(), text);
      } else {
        a.store.registry().describe(target, OptionalInt.empty(), text);
      }
      root.out.println("described " + target);
      return ExitCodes.OK;
    });
  }
}
