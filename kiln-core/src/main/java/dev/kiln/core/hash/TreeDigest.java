package dev.kiln.core.hash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The manifest of a directory: lines {@code relative-path NUL hex LF}, sorted by path. Its
 * SHA-256 is the directory's digest, and the artifact store keeps the manifest itself as an
 * object, so a directory output is restored from its digest alone.
 */
public final class TreeDigest {
  private TreeDigest() {}

  public static byte[] manifest(List<PathHash.Entry> entries) {
    List<PathHash.Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(PathHash.Entry::relativePath));
    StringBuilder sb = new StringBuilder(sorted.size() * 96);
    for (PathHash.Entry e : sorted) {
      sb.append(e.relativePath()).append('\0').append(e.digest().hex()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static Digest digest(List<PathHash.Entry> entries) {
    return Digest.ofBytes(manifest(entries));
  }

  /** Parses a manifest back into (path, digest) entries; sizes are unknown (-1). */
  public static List<PathHash.Entry> parse(byte[] manifest) {
    List<PathHash.Entry> out = new ArrayList<>();
    String text = new String(manifest, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int nul = text.indexOf('\0', start);
      int nl = text.indexOf('\n', start);
      if (nul < 0 || nl < 0 || nul > nl) {
        throw new IllegalArgumentException("not a directory manifest");
      }
      out.add(new PathHash.Entry(text.substring(start, nul), new Digest(text.substring(nul + 1, nl)), -1));
      start = nl + 1;
    }
    return out;
  }
}
