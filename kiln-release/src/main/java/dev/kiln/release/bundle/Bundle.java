package dev.kiln.release.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A verified bundle on disk. {@link #open} checks every file against the manifest before
 * anything is read from it, so a tampered bundle is refused, naming the file, before a model
 * is loaded.
 */
public record Bundle(Path dir, BundleInfo info) {

  public static Bundle open(Path dir) throws IOException {
    BundleManifest.verify(dir);
    return new Bundle(dir, BundleInfo.read(dir));
  }

  /** The model directory: {@code model.yaml} (the signature) and the model files. */
  public Path model() {
    return info.modelPath(dir);
  }

  public Optional<Path> profile() {
    return Optional.ofNullable(info.profile()).map(dir::resolve);
  }

  public Path lineage() {
    return dir.resolve(info.lineage());
  }
}
