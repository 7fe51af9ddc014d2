package dev.kiln.packaging;

import dev.kiln.packaging.image.BuiltImage;
import dev.kiln.release.bundle.BundleInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What packaging wrote: the bundle, the image (digest, layers, size, where it was pushed), the manifests. */
public record PackageResult(BundleInfo info, Optional<Path> bundle, Optional<Path> imageFile, Optional<BuiltImage> image,
    List<Path> manifests) {

  public PackageResult {
    manifests = List.copyOf(manifests);
  }

  /** One line per thing written, for a terminal or a stage's log. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    bundle.ifPresent(b -> out.add("bundle " + b + " (" + info.ref() + ", verified by its MANIFEST.sha256)"));
    image.ifPresent(i -> {
      out.add("image " + imageFile.orElseThrow() + " " + i.tag() + ": digest " + i.digest() + ", "
          + megabytes(i.compressedSize()) + " compressed");
      i.layers().forEach(l -> out.add("  layer " + l.name() + " " + l.digest().substring(0, 19) + "… "
          + megabytes(l.compressedSize())));
      i.pushedTo().ifPresent(p -> out.add("pushed " + p + " (" + i.pushedDigest().orElse("?") + ")"));
    });
    manifests.forEach(m -> out.add("manifest " + m));
    return out;
  }

  /** "credit-risk:3: image sha256:… (61.2 MB), pushed …". */
  public String summary() {
    List<String> parts = new ArrayList<>();
    bundle.ifPresent(b -> parts.add("bundle " + b));
    image.ifPresent(i -> parts.add("image " + i.digest().substring(0, 19) + "… (" + megabytes(i.compressedSize())
        + ")"));
    image.flatMap(BuiltImage::pushedTo).ifPresent(p -> parts.add("pushed " + p));
    if (!manifests.isEmpty()) {
      parts.add(manifests.size() + " manifests");
    }
    return "packaged " + info.ref() + ": " + String.join(", ", parts);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
