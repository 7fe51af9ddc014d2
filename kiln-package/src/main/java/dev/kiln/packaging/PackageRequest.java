package dev.kiln.packaging;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to make of a registered version: a bundle directory, an image tarball (with its tag, base
 * and a registry to push to), Kubernetes manifests; at least one. The manifests name the image
 * by digest, so they need the image.
 */
public record PackageRequest(Optional<Path> bundle, Optional<Path> image, Optional<String> tag, Optional<String> base,
    Optional<String> push, Optional<Path> k8s, int port) {

  public PackageRequest {
    if (bundle.isEmpty() && image.isEmpty() && k8s.isEmpty()) {
      throw new IllegalArgumentException("say what to package: a bundle directory, an image tarball, or Kubernetes "
          + "manifests (with the image)");
    }
    if (image.isEmpty() && (tag.isPresent() || base.isPresent() || push.isPresent())) {
      throw new IllegalArgumentException("a tag, a base and a push go with an image tarball");
    }
    if (k8s.isPresent() && image.isEmpty()) {
      throw new IllegalArgumentException("Kubernetes manifests name the image by digest: build the image too (and "
          + "push it to a registry the cluster pulls from)");
    }
  }
}
