package dev.kiln.serve;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.release.bundle.BundleWriter;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bundles written from the artifact store: {@code ROOT/NAME/VERSION/}, made once with
 * {@link BundleWriter} from the version's verified checkout and reused after (the gateway
 * verifies the manifest every time it loads one, so a damaged copy is refused, not served).
 * Gateways sharing a project may write the same bundle at once: the first rename wins, and the
 * others keep it.
 */
public final class CheckedOutBundles implements VersionBundles {
  private final ModelCheckout checkout;
  private final Path root;
  private final String kilnVersion;

  public CheckedOutBundles(ModelCheckout checkout, Path root, String kilnVersion) {
    this.checkout = checkout;
    this.root = root;
    this.kilnVersion = kilnVersion;
  }

  @Override
  public Path bundle(ModelVersion v) throws IOException {
    Path dir = root.resolve(v.model()).resolve(Integer.toString(v.version()));
    if (Files.isRegularFile(dir.resolve(BundleInfo.FILE))) {
      return dir;
    }
    // Written aside and renamed into place, never over a bundle another gateway on this project
    // wrote meanwhile: replacing it could pull its files from under that gateway while it loads them.
    Path mine = dir.resolveSibling("." + v.version() + ".writing-" + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().getId());
    new BundleWriter(checkout, kilnVersion).write(v, mine);
    ArtifactStore.renameIntoPlace(mine, dir, d -> Files.isRegularFile(d.resolve(BundleInfo.FILE)));
    return dir;
  }
}
