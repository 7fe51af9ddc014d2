package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, as runs record their owner's host: the kernel's hostname (the same for
 * every process, whatever its environment), else {@code $HOSTNAME}.
 */
final class Hosts {
  private Hosts() {}

  static String name() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException e) {
      // not Linux
    }
    String env = System.getenv("HOSTNAME");
    return env != null && !env.isBlank() ? env : "unknown";
  }
}
