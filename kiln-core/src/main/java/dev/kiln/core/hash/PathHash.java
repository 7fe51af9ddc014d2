package dev.kiln.core.hash;

import java.util.List;

/**
 * The content hash of a project path: one file, a directory (the digest of its sorted
 * {@code relative path, file hash} list) or a glob (the same over its matches), or missing.
 */
public record PathHash(String path, Kind kind, Digest digest, long size, List<Entry> entries) {

  /** What the path turned out to be on disk. */
  public enum Kind { FILE, DIRECTORY, GLOB, MISSING }

  /** One file of a directory or glob: its path relative to the directory (or project, for globs). */
  public record Entry(String relativePath, Digest digest, long size) {}

  public PathHash {
    entries = List.copyOf(entries);
  }

  public static PathHash missing(String path) {
    return new PathHash(path, Kind.MISSING, null, 0, List.of());
  }

  public boolean exists() {
    return kind != Kind.MISSING;
  }

  /** The digest as text, or "missing". */
  public String digestText() {
    return digest == null ? "missing" : digest.hex();
  }
}
