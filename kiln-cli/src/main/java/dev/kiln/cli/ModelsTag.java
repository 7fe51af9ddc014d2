package dev.kiln.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models tag NAME VERSION KEY=VALUE...}. */
@Command(name = "tag", mixinStandardHelpOptions = true, description = "Set tags on a version (KEY=VALUE).")
final class ModelsTag implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "VERSION")
  int version;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE")
  List<String> tags;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    Map<String, String> parsed = KeyValues.parse(tags);
    return ModelsCommand.withRegistry(root, a -> {
      parsed.forEach((k, v) -> a.store.registry().tag(name, version, k, v));
      root.out.println("tagged " + name + ":" + version + " " + String.join(" ", tags));
      return ExitCodes.OK;
    });
  }
}
