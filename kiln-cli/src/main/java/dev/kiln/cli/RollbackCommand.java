package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.registry.Actors;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln rollback ENV [--to VERSION]}. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
        "Put an environment back on the version it served before (or --to one), at once. Any rollout in "
            + "progress is aborted first; the alias NAME@ENV moves with it."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln rollback production -r 'latency regression'", "  kiln rollback production --to 3"})
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(paramLabel = "ENV")
  String env;

  @Option(names = "--to", paramLabel = "VERSION", description = "The version to go back to (default: the one before).")
  Integer to;

  @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
  String reason;

  @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
  String who;

  @Override
  public Integer call() {
    return Releases.with(root, a -> {
      int from = a.store().store.environments().find(env).map(Deployment::stable).orElse(0);
      Deployment d = a.deployer().rollback(env, to == null ? OptionalInt.empty() : OptionalInt.of(to), Actors.or(who),
          reason);
      root.out.println(env + ": v" + from + " → v" + d.stable() + " (rolled back)");
      return ExitCodes.OK;
    });
  }
}
