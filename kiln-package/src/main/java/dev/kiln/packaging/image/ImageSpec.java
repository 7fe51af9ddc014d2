package dev.kiln.packaging.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to build: the bundle to serve, the tarball to write, the image's name in it, an optional
 * base (a Docker or OCI image tarball, or a registry reference; none: a self-contained image on
 * an empty root file system), an optional registry reference to push to, and the port the
 * gateway listens on.
 */
public record ImageSpec(Path bundle, Path tarball, String tag, Optional<String> base, Optional<String> push, int port) {
  public static final int DEFAULT_PORT = 8080;

  public ImageSpec {
    if (tag == null || tag.isBlank()) {
      throw new IllegalArgumentException("an image needs a tag (NAME:TAG)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must lie between 1 and 65535, found " + port);
    }
  }

  /** The default tag for a bundle of {@code model} version {@code version}: "kiln/credit-risk:3". */
  public static String defaultTag(String model, int version) {
    return "kiln/" + model.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-") + ":" + version;
  }
}
