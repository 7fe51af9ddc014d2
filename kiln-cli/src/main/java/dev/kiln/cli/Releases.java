package dev.kiln.cli;

import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.EnvironmentConflictException;
import dev.kiln.release.environment.EnvironmentException;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.release.registry.UnblessedVersionException;
import dev.kiln.release.rollout.RolloutException;
import java.util.function.Function;

/**
 * What the environment commands share: the store, a {@link Deployer} over it with the command's
 * clock, and one mapping of the release domain's refusals to messages and exit codes (a refusal
 * the user must fix is 2; a concurrent change, retry-able, is 1).
 */
final class Releases {
  private Releases() {}

  record Access(StoreAccess store, Deployer deployer) {}

  static int with(KilnCommand root, Function<Access, Integer> work) {
    try (StoreAccess a = StoreAccess.open(root)) {
      return work.apply(new Access(a, new Deployer(a.store.environments(), a.store.registry(), root.clock)));
    } catch (UnblessedVersionException e) {
      root.err.println("kiln: " + e.getMessage() + "; to deploy it anyway pass --force with --reason");
      return ExitCodes.USAGE;
    } catch (EnvironmentConflictException e) {
      root.err.println("kiln: " + e.getMessage() + "; try again");
      return ExitCodes.FAILED;
    } catch (EnvironmentException | RolloutException | RegistryException | IllegalArgumentException e) {
      root.err.println("kiln: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}
