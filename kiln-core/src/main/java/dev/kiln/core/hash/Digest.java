package dev.kiln.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 content digest, printed as {@code sha256:<64 hex>}. */
public record Digest(String hex) implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  public static final String PREFIX = "sha256:";

  public Digest {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid SHA-256 digest: " + hex);
    }
  }

  /** Parses {@code sha256:<hex>} or bare hex. */
  public static Digest parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    return new Digest(t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : t);
  }

  public static Digest of(byte[] sha256) {
    return new Digest(HexFormat.of().formatHex(sha256));
  }

  public static Digest ofBytes(byte[] content) {
    return of(newSha256().digest(content));
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** First 12 hex characters, for tables. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }

  @Override
  public int compareTo(Digest o) {
    return hex.compareTo(o.hex);
  }
}
