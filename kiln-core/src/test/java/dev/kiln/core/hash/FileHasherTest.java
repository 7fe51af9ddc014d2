package dev.kiln.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {
  @TempDir
  Path dir;

  /** A hash cache kept in memory, counting what is saved. */
  static final class MemoryCache implements HashCache {
    final Map<String, CachedHash> entries = new HashMap<>();
    int saved;

    @Override
    public Map<String, CachedHash> under(String path) {
      Map<String, CachedHash> out = new HashMap<>();
      entries.forEach((k, v) -> {
        if (path.equals(".") || k.equals(path) || k.startsWith(path + "/")) {
          out.put(k, v);
        }
      });
      return out;
    }

    @Override
    public void save(Collection<CachedHash> fresh) {
      fresh.forEach(h -> entries.put(h.path(), h));
      saved += fresh.size();
    }
  }

  @Test
  void aFileHashesToTheSha256OfItsContent() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "hello\n");
    PathHash h = new FileHasher(dir, HashCache.NONE, 1).hash("a.txt");
    assertThat(h.kind()).isEqualTo(PathHash.Kind.FILE);
    assertThat(h.digest().hex()).isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  void aDirectoryHashesToTheSha256OfItsSortedPathAndHashList() throws IOException {
    Files.createDirectories(dir.resolve("d/sub"));
    Files.writeString(dir.resolve("d/b.txt"), "b");
    Files.writeString(dir.resolve("d/sub/a.txt"), "a");
    PathHash h = new FileHasher(dir, HashCache.NONE, 2).hash("d");
    String manifest = "b.txt\0" + Digest.ofBytes("b".getBytes(StandardCharsets.UTF_8)).hex() + "\n"
        + "sub/a.txt\0" + Digest.ofBytes("a".getBytes(StandardCharsets.UTF_8)).hex() + "\n";
    assertThat(h.kind()).isEqualTo(PathHash.Kind.DIRECTORY);
    assertThat(h.digest()).isEqualTo(Digest.ofBytes(manifest.getBytes(StandardCharsets.UTF_8)));
    assertThat(TreeDigest.parse(TreeDigest.manifest(h.entries()))).extracting(PathHash.Entry::relativePath)
        .containsExactly("b.txt", "sub/a.txt");
  }

  @Test
  void anUnchangedFileIsNeverReadAgain() throws IOException {
    Path f = dir.resolve("big.bin");
    Files.writeString(f, "original");
    MemoryCache cache = new MemoryCache();
    Digest first = new FileHasher(dir, cache, 1).hash("big.bin").digest();
    // Rewrite the content but restore size and mtime: only a re-read could notice.
    FileTime mtime = Files.getLastModifiedTime(f);
    byte[] same = "ORIGINAL".getBytes(StandardCharsets.UTF_8);
    try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(same), 0);
    }
    Files.setLastModifiedTime(f, mtime);
    assertThat(new FileHasher(dir, cache, 1).hash("big.bin").digest()).isEqualTo(first);
    assertThat(cache.saved).isEqualTo(1);
  }

  @Test
  void aTouchedFileIsReadAgain() throws IOException {
    Path f = dir.resolve("x.txt");
    Files.writeString(f, "one");
    MemoryCache cache = new MemoryCache();
    Digest first = new FileHasher(dir, cache, 1).hash("x.txt").digest();
    Files.writeString(f, "two");
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
    assertThat(new FileHasher(dir, cache, 1).hash("x.txt").digest()).isNotEqualTo(first);
  }

  @Test
  void aGlobHashesItsMatchesAndSkipsKilnState() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve(".kiln"));
    Files.writeString(dir.resolve("data/a.csv"), "1");
    Files.writeString(dir.resolve("data/b.csv"), "2");
    Files.writeString(dir.resolve("data/c.txt"), "3");
    PathHash h = new FileHasher(dir, HashCache.NONE, 2).hash("data/*.csv");
    assertThat(h.entries()).extracting(PathHash.Entry::relativePath).containsExactly("data/a.csv", "data/b.csv");
    assertThat(new FileHasher(dir, HashCache.NONE, 1).hash("nothing/*.csv").exists()).isFalse();
  }

  @Test
  void manyFilesAreHashedInParallelAndAllCached() throws IOException {
    Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 500; i++) {
      Files.writeString(dir.resolve("many/f" + i), "content " + i);
    }
    MemoryCache cache = new MemoryCache();
    PathHash a = new FileHasher(dir, cache, 4).hash("many");
    PathHash b = new FileHasher(dir, HashCache.NONE, 1).hash("many");
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(cache.entries).hasSize(500);
    assertThat(a.entries()).hasSize(500);
  }

  @Test
  void forgettingAPathMakesTheNextHashSeeNewContent() throws IOException {
    Files.writeString(dir.resolve("o.txt"), "v1");
    FileHasher h = new FileHasher(dir, HashCache.NONE, 1);
    Digest v1 = h.hash("o.txt").digest();
    Files.writeString(dir.resolve("o.txt"), "v2");
    assertThat(h.hash("o.txt").digest()).isEqualTo(v1);
    h.forget("o.txt");
    assertThat(h.hash("o.txt").digest()).isNotEqualTo(v1);
    assertThat(List.of(h.hash("missing").exists())).containsExactly(false);
  }

  @Test
  void theStatFromADirectoryWalkEqualsAFreshStat() throws IOException {
    Path f = dir.resolve("s.txt");
    Files.writeString(f, "stat me");
    var attrs = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
    assertThat(FileStat.of(attrs, f)).isEqualTo(FileStat.of(f));
  }
}
