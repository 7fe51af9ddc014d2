package dev.kiln.cli;

import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.Promoter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models rollback NAME ALIAS}. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Move an alias back to the version it pointed to before its current version was promoted.")
final class ModelsRollback implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "ALIAS")
  String alias;

  @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
  String who;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      AliasMove m = new Promoter(a.store.registry()).rollback(name, alias, Actors.or(who), reason, root.clock.instant());
      root.out.println(name + "@" + alias + ": v" + m.fromVersion() + " → v" + m.toVersion() + " (rolled back)");
      return ExitCodes.OK;
    });
  }
}
