package dev.kiln.cli;

import dev.kiln.release.registry.AliasConflictException;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.release.registry.UnblessedVersionException;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models …}: the model registry; one file per subcommand. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"The model registry: immutable versions with lineage, and aliases (staging, production, champion, "
        + "any name) with an append-only history of every move.",
        "A model is named NAME:VERSION (credit-risk:3) or NAME@ALIAS (credit-risk@production)."},
    subcommands = {ModelsList.class, ModelsShow.class, ModelsVersions.class, ModelsPromote.class,
        ModelsRollback.class, ModelsHistory.class, ModelsTag.class, ModelsDescribe.class, ModelsSearch.class,
        ModelsRegister.class},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln models list",
        "  kiln models show credit-risk@production",
        "  kiln models promote credit-risk 4 production --reason 'beats v3 on AUC'",
        "  kiln models rollback credit-risk production --reason 'latency regression'",
        "  kiln models history credit-risk",
        "  kiln models search 'metrics.auc >= 0.8 && tags.team == \"risk\"'"})
final class ModelsCommand implements Runnable {
  @ParentCommand
  KilnCommand root;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(root.out);
  }

  /**
   * Runs {@code work} against the registry. A request the registry cannot meet is bad usage
   * (exit 2), except a lost compare-and-set race (exit 1); an unblessed version's refusal says
   * how to force it.
   */
  static int withRegistry(KilnCommand root, Function<StoreAccess, Integer> work) {
    try (StoreAccess access = StoreAccess.open(root)) {
      return work.apply(access);
    } catch (UnblessedVersionException e) {
      root.err.println("kiln: " + e.getMessage() + "; to promote it anyway pass --force with --reason");
      return ExitCodes.USAGE;
    } catch (RegistryException e) {
      root.err.println("kiln: " + e.getMessage());
      return e instanceof AliasConflictException ? ExitCodes.FAILED : ExitCodes.USAGE;
    }
  }
}
