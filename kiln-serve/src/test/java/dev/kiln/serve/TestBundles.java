package dev.kiln.serve;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.release.bundle.BundleManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bundles for tests, written in the bundle layout from kiln-model's committed fixture models. */
final class TestBundles {
  static final Path FIXTURES = Path.of("../kiln-model/src/test/resources/fixtures").toAbsolutePath().normalize();

  private TestBundles() {}

  /** XGBoost binary classifier over age, income, debt_ratio, accounts (Python-trained). */
  static Path xgboost(Path root, String model, int version) {
    return bundle(root, model, version, "xgb_binary.json", "model.json");
  }

  static Path xgboostRegression(Path root, String model, int version) {
    return bundle(root, model, version, "xgb_regression.json", "model.json");
  }

  /** ONNX pipeline with one input per column: age (int64), income (float) and grade (text). */
  static Path onnxColumns(Path root, String model, int version) {
    return bundle(root, model, version, "onnx_columns", null);
  }

  static Path bundle(Path root, String model, int version, String fixture, String as) {
    try {
      Path dir = root.resolve(model.replace('/', '_') + "-" + version);
      Path into = dir.resolve("model");
      Files.createDirectories(into);
      Path from = FIXTURES.resolve(fixture);
      if (Files.isDirectory(from)) {
        try (Stream<Path> s = Files.list(from)) {
          for (Path p : s.toList()) {
            Files.copy(p, into.resolve(p.getFileName()));
          }
        }
      } else {
        Files.copy(from, into.resolve(as));
      }
      Files.writeString(dir.resolve("lineage.json"), "{\"model\": \"" + model + "\", \"version\": " + version + "}\n");
      BundleInfo info = new BundleInfo(BundleInfo.FORMAT, model, version, "sha256:" + "0".repeat(64), "model", null,
          "lineage.json", "test");
      Files.writeString(dir.resolve(BundleInfo.FILE), CanonicalJson.MAPPER.writeValueAsString(info));
      BundleManifest.write(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path fixture(String name) {
    return FIXTURES.resolve(name);
  }
}
