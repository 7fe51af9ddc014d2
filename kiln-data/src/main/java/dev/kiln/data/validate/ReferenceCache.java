package dev.kiln.data.validate;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.FileStat;
import dev.kiln.core.path.ProjectPaths;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.stats.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Profiles of large reference data sets, kept between runs so that drift against an unchanged
 * reference does not profile it again. The key is the reference files' identity (path, size,
 * modification time in ns, inode — as in the hash cache), the read options and the profile
 * format; any change to a file changes the key. Only profile-only references are cached (large
 * ones); small references keep raw values for exact statistics and are cheap to read again.
 */
final class ReferenceCache {
  private final Path dir;

  ReferenceCache(Path dir) {
    this.dir = dir;
  }

  /** The cache key of a reference file or glob, if its files can be listed. */
  static Optional<String> key(String pathOrGlob, ReadOptions read) {
    List<Path> files = files(pathOrGlob);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("profile-format ").append(Profile.FORMAT).append('\n').append(read).append('\n');
    try {
      for (Path f : files) {
        FileStat st = FileStat.of(f);
        sb.append(f.toAbsolutePath().normalize()).append(' ').append(st.size()).append(' ').append(st.mtimeNanos())
            .append(' ').append(st.inode()).append('\n');
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(Digest.ofBytes(sb.toString().getBytes(StandardCharsets.UTF_8)).hex());
  }

  Optional<Profile> get(String key) {
    Path f = dir.resolve(key + ".json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Profile.read(f));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stores a profile (written atomically); a failure only costs the cache. */
  void put(String key, Profile profile) {
    try {
      Files.createDirectories(dir);
      profile.write(dir.resolve(key + ".json"));
    } catch (IOException | RuntimeException e) {
      // the next run profiles again
    }
  }

  private static List<Path> files(String pathOrGlob) {
    if (!ProjectPaths.isGlob(pathOrGlob)) {
      Path p = Path.of(pathOrGlob);
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    String base = ProjectPaths.globBase(pathOrGlob);
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pathOrGlob);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(base.isEmpty() ? Path.of(".") : Path.of(base))) {
      s.filter(Files::isRegularFile).filter(m::matches).sorted().forEach(out::add);
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }
}
