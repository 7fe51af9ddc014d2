package dev.kiln.arch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Package-level dependencies of one module's compiled classes, as the JDK's jdeps reads them
 * ({@code jdeps -verbose:package -filter:none}): package → packages it uses (itself excluded).
 */
final class ClassDependencies {
  private ClassDependencies() {}

  static Map<String, Set<String>> of(Path classes) {
    if (!Files.isDirectory(classes)) {
      throw new AssertionError(classes + " does not exist: build every module first (mvn verify does)");
    }
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none",
        classes.toString());
    if (rc != 0) {
      throw new AssertionError("jdeps failed on " + classes + ":\n" + out);
    }
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("dev.kiln")) {
        Set<String> to = deps.computeIfAbsent(f[0], k -> new TreeSet<>());
        if (!f[0].equals(f[2])) {
          to.add(f[2]);
        }
      }
    }
    return deps;
  }
}
