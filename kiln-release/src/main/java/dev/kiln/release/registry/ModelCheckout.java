package dev.kiln.release.registry;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a registered version's artifact available as files: restored (verified) from the
 * artifact store into {@code .kiln/models/NAME/VERSION/}, once; later calls reuse the copy.
 * Concurrent checkouts of one version are safe: the first whole copy renamed into place wins.
 * This is how {@code name:3} and {@code name@production} work wherever a model path is expected.
 */
public final class ModelCheckout {
  private final ArtifactStore store;
  private final Path root;

  public ModelCheckout(ArtifactStore store, Path kilnDir) {
    this.store = store;
    this.root = kilnDir.resolve("models");
  }

  /** The local path of the version's model file or directory. */
  public Path checkout(ModelVersion v) throws IOException {
    Path dir = root.resolve(v.model()).resolve(Integer.toString(v.version()));
    Path name = Path.of(v.artifact().path()).getFileName();
    Path target = dir.resolve(name);
    Path done = dir.resolve(".complete");
    if (Files.exists(done) && Files.exists(target)) {
      return target;
    }
    if (!store.contains(v.artifact().digest())) {
      throw new RegistryException(v.ref() + " is registered, but its artifact " + v.artifact().digest()
          + " is not in this project's artifact store (" + store.root() + ")");
    }
    // Restored aside and renamed into place whole, so processes checking out the same version at
    // once (gateways sharing a project) never replace files another one is reading.
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), "." + v.version() + ".checkout-");
    try {
      Output relocated = new Output(name.toString(), v.artifact().kind(), v.artifact().digest(),
          v.artifact().size(), v.artifact().files());
      store.restore(relocated, tmp);
      Files.writeString(tmp.resolve(".complete"), v.artifact().digest().toString());
      if (Files.exists(dir) && !Files.exists(done)) {
        ArtifactStore.deleteRecursively(dir);   // an interrupted checkout of an earlier Kiln
      }
      ArtifactStore.renameIntoPlace(tmp, dir, d -> Files.exists(done) && Files.exists(target));
    } finally {
      ArtifactStore.deleteRecursively(tmp);
    }
    return target;
  }
}
