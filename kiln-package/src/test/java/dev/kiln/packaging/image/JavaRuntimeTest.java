package dev.kiln.packaging.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.packaging.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's module list covers what jdeps finds in the gateway's jars, but java.desktop. */
class JavaRuntimeTest {
  @TempDir
  Path dir;

  @Test
  void theLinkedModulesAreEveryModuleJdepsFindsInTheGatewaysJarsButJavaDesktop() throws Exception {
    GatewayClasspath cp = GatewayClasspath.ofThisJvm().forFormat("xgboost");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    for (Path p : cp.entries()) {
      if (Files.isDirectory(p)) {
        Tools.run(List.of("cp", "-r", p + "/.", classes.toString()));
      } else {
        unzipClasses(p, classes);
      }
    }
    String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
    String out = Tools.run(List.of(jdeps, "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17",
        classes.toString())).strip();
    Set<String> needed = new TreeSet<>(List.of(out.split(",")));
    needed.remove("java.desktop");
    assertThat(JavaRuntime.MODULES).containsAll(needed);
  }

  /** The classes of a jar (module descriptors left out: jdeps then reads them all as one class path). */
  private static void unzipClasses(Path jar, Path into) throws Exception {
    try (ZipInputStream z = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        String n = e.getName();
        if (e.isDirectory() || !n.endsWith(".class") || n.endsWith("module-info.class") || n.startsWith("META-INF/")) {
          continue;
        }
        Path dest = into.resolve(n).normalize();
        if (dest.startsWith(into)) {
          Files.createDirectories(dest.getParent());
          Files.copy(z, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

}
