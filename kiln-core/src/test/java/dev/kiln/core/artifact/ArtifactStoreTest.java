package dev.kiln.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.hash.HashCache;
import dev.kiln.core.hash.PathHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir
  Path project;

  ArtifactStore store() {
    return new ArtifactStore(project.resolve(".kiln/objects"));
  }

  @Test
  void storesAFileUnderItsSha256AndLeavesNoTemporaryFiles() throws IOException {
    Files.writeString(project.resolve("m.bin"), "model");
    Digest d = store().put(project.resolve("m.bin"));
    assertThat(d).isEqualTo(Digest.ofBytes("model".getBytes()));
    assertThat(store().pathOf(d)).hasContent("model");
    assertThat(store().list()).containsExactly(d);
    try (var s = Files.list(project.resolve(".kiln/objects/tmp"))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void restoresADirectoryOutputExactly() throws IOException {
    Files.createDirectories(project.resolve("model/sub"));
    Files.writeString(project.resolve("model/a"), "A");
    Files.writeString(project.resolve("model/sub/b"), "B");
    PathHash h = new FileHasher(project, HashCache.NONE, 1).hash("model");
    Output out = store().putPath(project, h);
    assertThat(out.digest()).isEqualTo(h.digest());
    deleteTree(project.resolve("model"));
    store().restore(out, project);
    assertThat(project.resolve("model/a")).hasContent("A");
    assertThat(project.resolve("model/sub/b")).hasContent("B");
    assertThat(new FileHasher(project, HashCache.NONE, 1).hash("model").digest()).isEqualTo(h.digest());
  }

  @Test
  void editingARestoredFileDoesNotTouchTheStore() throws IOException {
    Files.writeString(project.resolve("m.bin"), "model");
    Output out = store().putPath(project, new FileHasher(project, HashCache.NONE, 1).hash("m.bin"));
    Files.delete(project.resolve("m.bin"));
    store().restore(out, project);
    Files.writeString(project.resolve("m.bin"), "edited");
    assertThat(Files.isSymbolicLink(project.resolve("m.bin"))).isFalse();
    assertThat(store().pathOf(out.digest())).hasContent("model");
  }

  @Test
  void aCorruptedObjectIsReportedAndNeverRestored() throws IOException {
    Files.writeString(project.resolve("m.bin"), "model");
    Output out = store().putPath(project, new FileHasher(project, HashCache.NONE, 1).hash("m.bin"));
    Path object = store().pathOf(out.digest());
    object.toFile().setWritable(true);
    Files.writeString(object, "tampered");
    Files.writeString(project.resolve("m.bin"), "workspace copy");
    assertThatThrownBy(() -> store().restore(out, project))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageContaining("is corrupted");
    assertThat(project.resolve("m.bin")).hasContent("workspace copy");
    assertThatThrownBy(() -> store().verify(out)).isInstanceOf(CorruptObjectException.class);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
