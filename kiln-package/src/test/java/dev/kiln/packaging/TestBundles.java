package dev.kiln.packaging;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.release.bundle.BundleManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Bundles for tests, in the bundle layout, from kiln-model's committed (Python-trained) XGBoost fixture. */
public final class TestBundles {
  public static final Path FIXTURES = Path.of("../kiln-model/src/test/resources/fixtures").toAbsolutePath().normalize();

  private TestBundles() {}

  /** XGBoost binary classifier over age, income, debt_ratio, accounts; row [34, 51.93, 0.049, 7] → p1 0.8965458. */
  public static Path xgboost(Path root, String model, int version) {
    try {
      Path dir = root.resolve(model + "-" + version);
      Files.createDirectories(dir.resolve("model"));
      Files.copy(FIXTURES.resolve("xgb_binary.json"), dir.resolve("model").resolve("model.json"));
      Map<String, Object> lineage = Map.of("model", model, "version", version, "created_at", "2026-12-01T10:00:00Z",
          "lineage", Map.of("run", "run-" + version, "pipeline", "credit", "stage", "register",
              "git_commit", "0123456789abcdef0123456789abcdef01234567"),
          "gate", Map.of("blessed", true));
      Files.writeString(dir.resolve("lineage.json"), CanonicalJson.MAPPER.writeValueAsString(lineage) + "\n");
      BundleInfo info = new BundleInfo(BundleInfo.FORMAT, model, version, "sha256:" + "0".repeat(64), "model", null,
          "lineage.json", "test");
      Files.writeString(dir.resolve(BundleInfo.FILE), CanonicalJson.MAPPER.writeValueAsString(info));
      BundleManifest.write(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
