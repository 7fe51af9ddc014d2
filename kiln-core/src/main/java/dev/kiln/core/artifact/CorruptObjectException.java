package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;
import java.io.IOException;

/** An object in the store whose content no longer matches its name; it is never restored. */
public final class CorruptObjectException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Digest expected;

  public CorruptObjectException(Digest expected, String found) {
    super("object " + expected + " is corrupted (its content hashes to " + found + ")");
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
