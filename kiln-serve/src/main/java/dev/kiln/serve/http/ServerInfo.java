package dev.kiln.serve.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The gateway's name and Kiln's version, as {@code GET /v2} and {@code GET /version} report them. */
public record ServerInfo(String name, String version) {

  public static ServerInfo current() {
    Properties p = new Properties();
    try (InputStream in = ServerInfo.class.getResourceAsStream("/dev/kiln/core/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version stays unknown
    }
    return new ServerInfo("kiln", p.getProperty("version", "unknown"));
  }
}
