package dev.kiln.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Kiln's version as the build wrote it into kiln-core ({@code dev/kiln/core/version.properties}). */
final class KilnVersionFile {
  private KilnVersionFile() {}

  static String get() {
    Properties p = new Properties();
    try (InputStream in = KilnVersionFile.class.getResourceAsStream("/dev/kiln/core/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
