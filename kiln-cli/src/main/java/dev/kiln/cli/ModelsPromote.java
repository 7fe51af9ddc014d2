package dev.kiln.cli;

import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.Promoter;
import dev.kiln.release.registry.Promotion;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models promote NAME VERSION ALIAS}. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = {"Point an alias at a version. Refused for a version whose gate failed, unless --force with "
        + "--reason. --expect makes it a compare-and-set: it fails if the alias moved meanwhile."})
final class ModelsPromote implements Callable<Integer> {
  @ParentCommand
  ModelsCommand parent;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "VERSION")
  int version;

  @Parameters(index = "2", paramLabel = "ALIAS")
  String alias;

  @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
  String reason;

  @Option(names = "--force", description = "Promote even though the version's gate failed (needs --reason).")
  boolean force;

  @Option(names = "--expect", paramLabel = "VERSION", description = "Only move if the alias now points to VERSION.")
  Integer expect;

  @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
  String who;

  @Override
  public Integer call() {
    KilnCommand root = parent.root;
    return ModelsCommand.withRegistry(root, a -> {
      Promotion p = Promotion.of(name, version, alias, Actors.or(who), root.clock.instant()).because(reason)
          .forced(force).expecting(expect == null ? OptionalInt.empty() : OptionalInt.of(expect));
      AliasMove m = new Promoter(a.store.registry()).promote(p);
      root.out.println(name + "@" + alias + ": " + (m.fromVersion() == null ? "new alias" : "v" + m.fromVersion())
          + " → v" + m.toVersion() + (m.forced() ? " (forced past a failed gate)" : ""));
      return ExitCodes.OK;
    });
  }
}
