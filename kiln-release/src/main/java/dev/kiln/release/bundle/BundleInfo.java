package dev.kiln.release.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.core.fingerprint.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code bundle.json}: what a bundle holds — the registered model and version, its artifact's
 * digest, and where its parts are: the model directory (whose {@code model.yaml} is the
 * signature), the reference profile, and the lineage record. {@code format} is bumped when the
 * layout changes incompatibly.
 */
public record BundleInfo(int format, String model, int version, String artifact, String modelDir, String profile,
    String lineage, String kilnVersion) {

  public static final String FILE = "bundle.json";
  public static final int FORMAT = 1;

  public static BundleInfo read(Path dir) throws IOException {
    try {
      BundleInfo info = CanonicalJson.MAPPER.readValue(Files.readString(dir.resolve(FILE)), BundleInfo.class);
      if (info.format() != FORMAT) {
        throw new BundleException(dir.resolve(FILE) + ": bundle format " + info.format() + " is not one this Kiln "
            + "reads (" + FORMAT + ")");
      }
      return info;
    } catch (NoSuchFileException e) {
      throw new BundleException(dir + " is not a Kiln bundle: it has no " + FILE);
    } catch (JsonProcessingException e) {
      throw new BundleException(dir.resolve(FILE) + ": " + e.getOriginalMessage());
    }
  }

  void write(Path dir) throws IOException {
    Files.writeString(dir.resolve(FILE), CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this)
        + "\n");
  }

  public Path modelPath(Path dir) {
    return dir.resolve(modelDir);
  }

  /** "credit-risk:3". */
  public String ref() {
    return model + ":" + version;
  }
}
