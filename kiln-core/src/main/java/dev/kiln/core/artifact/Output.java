package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;

/**
 * A stage output as stored: its project-relative path, whether it is a file or a directory, and
 * the digest that restores it (for a directory, the digest of its manifest object).
 */
public record Output(String path, Kind kind, Digest digest, long size, int files) {

  /** File or directory. */
  public enum Kind { FILE, DIRECTORY }
}
