package dev.kiln.serve;

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
    if (!Files.isRegularFile(dir.resolve(BundleInfo.FILE))) {
      new BundleWriter(checkout, kilnVersion).write(v, dir);
    }
    return dir;
  }
}
