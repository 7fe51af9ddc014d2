package dev.kiln.packaging;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.packaging.image.BuiltImage;
import dev.kiln.packaging.image.GatewayClasspath;
import dev.kiln.packaging.image.ImageBuilder;
import dev.kiln.packaging.image.ImageSpec;
import dev.kiln.packaging.k8s.KubernetesManifests;
import dev.kiln.packaging.k8s.KubernetesSpec;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.release.bundle.BundleWriter;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Packages a registered version, for {@code kiln package} and the {@code package} step alike:
 * writes its bundle (from the verified checkout of its artifact), builds the image from that
 * bundle (which verifies it again), pushes it, and writes Kubernetes manifests that run the
 * image by digest. Without a bundle directory the bundle is written to a temporary one.
 */
public final class Packager {
  private final ModelCheckout checkout;
  private final String kilnVersion;
  private final Path cache;

  /** @param cache where linked Java runtimes and image layers are kept between builds ({@code .kiln/cache/package}) */
  public Packager(ModelCheckout checkout, String kilnVersion, Path cache) {
    this.checkout = checkout;
    this.kilnVersion = kilnVersion;
    this.cache = cache;
  }

  public PackageResult pack(ModelVersion v, PackageRequest r) throws IOException {
    Path tmp = null;
    try {
      Path bundleDir = r.bundle().orElse(null);
      if (bundleDir == null) {
        tmp = Files.createTempDirectory("kiln-bundle");
        bundleDir = tmp.resolve("bundle");
      }
      BundleInfo info = new BundleWriter(checkout, kilnVersion).write(v, bundleDir);
      Optional<BuiltImage> image = Optional.empty();
      if (r.image().isPresent()) {
        ImageSpec spec = new ImageSpec(bundleDir, r.image().get(), r.tag().orElse(ImageSpec.defaultTag(v.model(),
            v.version())), r.base(), r.push(), r.port());
        image = Optional.of(images().build(spec));
      }
      List<Path> manifests = List.of();
      if (r.k8s().isPresent()) {
        BuiltImage built = image.orElseThrow();
        String repository = repository(built.pushedTo().orElse(built.tag()));
        manifests = new KubernetesManifests(KubernetesSpec.of(v.model(), v.version(),
            repository + "@" + built.digest(), r.port())).write(r.k8s().get());
      }
      return new PackageResult(info, r.bundle(), r.image(), image, manifests);
    } finally {
      if (tmp != null) {
        ArtifactStore.deleteRecursively(tmp);
      }
    }
  }

  /** Kiln's version as the build recorded it, for the bundles the step writes. */
  public static String kilnVersion() {
    return KilnVersionFile.get();
  }

  private ImageBuilder images() {
    return new ImageBuilder(Path.of(System.getProperty("java.home")), cache, GatewayClasspath.ofThisJvm());
  }

  /** "127.0.0.1:5000/kiln/credit:3" → "127.0.0.1:5000/kiln/credit" (a port's colon is not a tag's). */
  static String repository(String reference) {
    String ref = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(0, colon) : ref;
  }
}
