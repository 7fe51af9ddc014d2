package dev.kiln.release.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a {@code MODEL} argument into files: an existing file or directory is used as it is;
 * {@code name:3} or {@code name@production} is resolved in the registry and checked out of the
 * artifact store (see {@link ModelCheckout}).
 */
public final class ModelLocator {
  private final ModelRegistry registry;
  private final ModelCheckout checkout;

  public ModelLocator(ModelRegistry registry, ModelCheckout checkout) {
    this.registry = registry;
    this.checkout = checkout;
  }

  /** A locator for a project: versions are checked out into its {@code .kiln/models/}. */
  public static ModelLocator forProject(ModelRegistry registry, dev.kiln.core.artifact.ArtifactStore store, Path projectDir) {
    return new ModelLocator(registry, new ModelCheckout(store, projectDir.resolve(".kiln")));
  }

  /** The path to load; relative file arguments resolve against {@code base}. */
  public Path locate(String argument, Path base) {
    Path p = base.resolve(argument).normalize();
    if (Files.exists(p) || !ModelRef.looksLikeRef(argument)) {
      return p;
    }
    ModelVersion v = registry.resolve(ModelRef.parse(argument));
    try {
      return checkout.checkout(v);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check out " + v.ref() + ": " + e.getMessage(), e);
    }
  }
}
