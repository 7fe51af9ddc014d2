package dev.kiln.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Kiln's version, from the build. */
public final class KilnVersion implements IVersionProvider {

  public static String get() {
    Properties p = new Properties();
    try (InputStream in = KilnVersion.class.getResourceAsStream("/dev/kiln/core/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"kiln " + get(), "Java " + System.getProperty("java.version")};
  }
}
