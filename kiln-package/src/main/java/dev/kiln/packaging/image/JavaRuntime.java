package dev.kiln.packaging.image;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java runtime holding only the modules the gateway needs, linked with the running JDK's
 * {@code jlink} (debug symbols, headers and man pages stripped) into a cache directory keyed by
 * the JDK and the module list, so a second image build reuses it. jlink's output is the same
 * for the same inputs, so the runtime layer's digest is too.
 */
final class JavaRuntime {
  /**
   * What {@code jdeps} finds in the gateway's jars, less {@code java.desktop}: its only use there
   * is {@code java.beans} introspection, which Jackson treats as optional, and its native
   * libraries would bring X11's into the image. ImageRuntimeTest checks the list against jdeps.
   */
  static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
      "java.net.http", "java.scripting", "java.security.jgss", "java.sql", "java.xml", "jdk.management",
      "jdk.unsupported");
  private static final List<String> OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages",
      "--compress=2");

  private JavaRuntime() {}

  /** The linked runtime's directory ({@code bin/java}, {@code lib/}), linked now or found in {@code cache}. */
  static Path link(Path javaHome, Path cache) throws IOException {
    Path jlink = javaHome.resolve("bin").resolve("jlink");
    Path jmods = javaHome.resolve("jmods");
    if (!Files.isExecutable(jlink) || !Files.isDirectory(jmods)) {
      throw new ImageException("building an image needs a JDK with jlink and its jmods (it links the image's Java "
          + "runtime); " + javaHome + " has " + (Files.isExecutable(jlink) ? "no jmods/" : "no bin/jlink")
          + ": run Kiln on a full JDK (Debian: openjdk-17-jdk-headless and openjdk-17-jmods)");
    }
    String release = Files.isRegularFile(javaHome.resolve("release"))
        ? Files.readString(javaHome.resolve("release")) : System.getProperty("java.version");
    String key = Digest.ofBytes((javaHome.toRealPath() + "\n" + release + "\n" + MODULES + OPTIONS)
        .getBytes(StandardCharsets.UTF_8)).shortHex();
    Path target = cache.resolve("jre-" + key);
    if (Files.isExecutable(target.resolve("bin").resolve("java"))) {
      return target;
    }
    Files.createDirectories(cache);
    Path tmp = cache.resolve(".jre-" + key + "-" + ProcessHandle.current().pid());
    ArtifactStore.deleteRecursively(tmp);
    List<String> cmd = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES)));
    cmd.addAll(OPTIONS);
    cmd.addAll(List.of("--output", tmp.toString()));
    Path log = Files.createTempFile("kiln-jlink", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new ImageException("jlink failed: " + Files.readString(log).strip());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("interrupted while linking the Java runtime");
    } finally {
      Files.deleteIfExists(log);
      ArtifactStore.deleteRecursively(tmp);
    }
  }
}
