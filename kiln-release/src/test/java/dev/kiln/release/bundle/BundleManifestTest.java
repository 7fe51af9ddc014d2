package dev.kiln.release.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {
  @TempDir
  Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve("model"));
    Files.writeString(dir.resolve("model/model.yaml"), "format: xgboost\n");
    Files.writeString(dir.resolve("model/model.json"), "{\"trees\": []}");
    Files.writeString(dir.resolve("lineage.json"), "{}\n");
    BundleManifest.write(dir);
  }

  @Test
  void coreutilsSha256sumChecksTheManifestWithoutKiln() throws Exception {
    Process p = new ProcessBuilder("sha256sum", "--check", "--strict", BundleManifest.FILE).directory(dir.toFile())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes())).contains("model/model.json: OK", "lineage.json: OK");
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void anIntactBundleVerifies() throws Exception {
    BundleManifest.verify(dir);
  }

  @Test
  void aChangedFileIsRefusedByName() throws Exception {
    Files.writeString(dir.resolve("model/model.json"), "{\"trees\": [1]}");
    assertThatThrownBy(() -> BundleManifest.verify(dir)).isInstanceOf(BundleException.class)
        .hasMessageContaining("model/model.json was changed").hasMessageContaining("nothing was loaded");
  }

  @Test
  void aMissingAndAnAddedFileAreBothNamed() throws Exception {
    Files.delete(dir.resolve("lineage.json"));
    Files.writeString(dir.resolve("model/extra.bin"), "x");
    assertThatThrownBy(() -> BundleManifest.verify(dir))
        .hasMessageContaining("lineage.json is missing").hasMessageContaining("model/extra.bin is not in the manifest");
  }

  @Test
  void aDirectoryWithoutAManifestIsNotABundle() throws Exception {
    Files.delete(dir.resolve(BundleManifest.FILE));
    assertThatThrownBy(() -> BundleManifest.verify(dir)).hasMessageContaining("is not a Kiln bundle");
  }

  @Test
  void aGarbledManifestLineIsLocated() throws Exception {
    Files.writeString(dir.resolve(BundleManifest.FILE), "not a digest line\n");
    assertThatThrownBy(() -> BundleManifest.verify(dir)).hasMessageContaining("MANIFEST.sha256:1: expected 'SHA256  PATH'");
  }
}
