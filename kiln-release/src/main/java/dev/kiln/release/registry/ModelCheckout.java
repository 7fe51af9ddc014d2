package dev.kiln.release.registry;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a registered version's artifact available as files: restored (verified) from the
 * artifact store into {@code .kiln/models/NAME/VERSION/}, once; later calls reuse the copy.
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
    Files.createDirectories(dir);
    Output relocated = new Output(name.toString(), v.artifact().kind(), v.artifact().digest(), v.artifact().size(),
        v.artifact().files());
    store.restore(relocated, dir);
    Files.writeString(done, v.artifact().digest().toString());
    return target;
  }
}
