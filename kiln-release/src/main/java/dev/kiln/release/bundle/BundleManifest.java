package dev.kiln.release.bundle;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.FileHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code MANIFEST.sha256}: the SHA-256 of every other file of a bundle, one
 * {@code HEX  RELATIVE/PATH} line per file, sorted by path — the format of coreutils'
 * {@code sha256sum}, so {@code sha256sum -c MANIFEST.sha256} checks a bundle without Kiln.
 * {@link #verify} refuses a bundle with a changed, missing or unlisted file, naming each one.
 */
public final class BundleManifest {
  public static final String FILE = "MANIFEST.sha256";

  private BundleManifest() {}

  /** The digest of every file under {@code dir} but the manifest, by relative path ('/'-separated). */
  public static Map<String, Digest> hash(Path dir) throws IOException {
    Map<String, Digest> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        if (!rel.equals(FILE)) {
          out.put(rel, FileHasher.hashFile(f));
        }
      }
    }
    return out;
  }

  public static void write(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    hash(dir).forEach((path, d) -> sb.append(d.hex()).append("  ").append(path).append('\n'));
    Files.writeString(dir.resolve(FILE), sb.toString(), StandardCharsets.UTF_8);
  }

  /** Checks every file against the manifest; throws naming every file that does not match. */
  public static void verify(Path dir) throws IOException {
    Path manifest = dir.resolve(FILE);
    if (!Files.isRegularFile(manifest)) {
      throw new BundleException(dir + " is not a Kiln bundle: it has no " + FILE);
    }
    Map<String, Digest> listed = read(manifest);
    Map<String, Digest> actual = hash(dir);
    List<String> problems = new ArrayList<>();
    listed.forEach((path, d) -> {
      Digest a = actual.get(path);
      if (a == null) {
        problems.add(path + " is missing");
      } else if (!a.equals(d)) {
        problems.add(path + " was changed (sha256 " + a.shortHex() + "…, the manifest says " + d.shortHex() + "…)");
      }
    });
    actual.keySet().stream().filter(p -> !listed.containsKey(p)).forEach(p -> problems.add(p + " is not in the manifest"));
    if (!problems.isEmpty()) {
      throw new BundleException("bundle " + dir + " fails verification, nothing was loaded: " + String.join("; ", problems));
    }
  }

  private static Map<String, Digest> read(Path manifest) throws IOException {
    Map<String, Digest> out = new TreeMap<>();
    int n = 0;
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      int sep = line.indexOf("  ");
      if (sep != 64) {
        throw new BundleException(manifest + ":" + n + ": expected 'SHA256  PATH', found '" + abbreviate(line) + "'");
      }
      try {
        out.put(line.substring(sep + 2), new Digest(line.substring(0, sep)));
      } catch (IllegalArgumentException e) {
        throw new BundleException(manifest + ":" + n + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
