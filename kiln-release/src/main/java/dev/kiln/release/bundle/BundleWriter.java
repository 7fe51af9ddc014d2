package dev.kiln.release.bundle;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.VersionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Writes a registered version as a bundle: a directory that needs nothing else to serve. The
 * model's files (checked out, verified, from the artifact store) go to {@code model/}, its
 * lineage to {@code lineage.json}, what is where to {@code bundle.json}, and the SHA-256 of
 * every file to {@link BundleManifest#FILE}. The bundle is built beside the target and renamed
 * into place, so a failed write leaves the old bundle (or nothing).
 */
public final class BundleWriter {
  static final String MODEL_DIR = "model";
  static final String PROFILE = "reference-profile.json";
  static final String LINEAGE = "lineage.json";
  private final ModelCheckout checkout;
  private final String kilnVersion;

  public BundleWriter(ModelCheckout checkout, String kilnVersion) {
    this.checkout = checkout;
    this.kilnVersion = kilnVersion;
  }

  public BundleInfo write(ModelVersion v, Path target) throws IOException {
    refuseToReplaceNonBundle(target);
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".kiln-bundle-");
    try {
      BundleInfo info = fill(v, tmp);
      ArtifactStore.deleteRecursively(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return info;
    } finally {
      ArtifactStore.deleteRecursively(tmp);
    }
  }

  private BundleInfo fill(ModelVersion v, Path dir) throws IOException {
    Path model = checkout.checkout(v);
    Path into = dir.resolve(MODEL_DIR);
    if (Files.isDirectory(model)) {
      copyTree(model, into);
    } else {
      Files.createDirectories(into);
      Files.copy(model, into.resolve(model.getFileName()));
    }
    String profile = Files.isRegularFile(into.resolve(PROFILE)) ? MODEL_DIR + "/" + PROFILE : null;
    Files.writeString(dir.resolve(LINEAGE),
        CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(VersionRecord.of(v)) + "\n");
    BundleInfo info = new BundleInfo(BundleInfo.FORMAT, v.model(), v.version(), v.artifact().digest().toString(),
        MODEL_DIR, profile, LINEAGE, kilnVersion);
    info.write(dir);
    BundleManifest.write(dir);
    return info;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  private static void refuseToReplaceNonBundle(Path target) throws IOException {
    if (!Files.exists(target) || Files.isRegularFile(target.resolve(BundleInfo.FILE))) {
      return;
    }
    try (Stream<Path> s = Files.list(target)) {
      if (Files.isDirectory(target) && s.findAny().isEmpty()) {
        return;
      }
    }
    throw new BundleException(target + " exists and is not a Kiln bundle: choose another directory, or remove it");
  }
}
