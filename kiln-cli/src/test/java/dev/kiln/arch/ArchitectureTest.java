package dev.kiln.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md draws holds in the compiled classes: each module uses only
 * the modules the doc allows it, no module's packages form a cycle, layered packages only use
 * the packages before them, and heavy native libraries stay out of the modules that must stay small.
 */
class ArchitectureTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static ArchitectureDoc doc;

  @BeforeAll
  static void read() throws IOException {
    doc = ArchitectureDoc.read();
  }

  static Map<String, Set<String>> deps(String module) {
    return ClassDependencies.of(ROOT.resolve(module).resolve("target/classes"));
  }

  /** {@code dev.kiln.core} for kiln-core; kiln-package's is {@code dev.kiln.packaging} ({@code package} is a keyword). */
  static String basePackage(String module) {
    String name = module.substring("kiln-".length());
    return "dev.kiln." + (name.equals("package") ? "packaging" : name);
  }

  /** {@code kiln-core} for {@code dev.kiln.core.plan}: the module whose base package is the longest prefix. */
  static String moduleOf(String pkg) {
    String best = null;
    for (String m : doc.modules().keySet()) {
      String base = basePackage(m);
      if ((pkg.equals(base) || pkg.startsWith(base + ".")) && (best == null || base.length() > best.length())) {
        best = m;
      }
    }
    return best;
  }

  @Test
  void everyModuleOfTheBuildIsInTheDocAndTheDocNamesNoOtherModule() throws IOException {
    List<String> built = new ArrayList<>();
    try (Stream<Path> s = Files.list(ROOT)) {
      s.filter(p -> Files.isRegularFile(p.resolve("pom.xml")) && p.getFileName().toString().startsWith("kiln-"))
          .forEach(p -> built.add(p.getFileName().toString()));
    }
    assertThat(doc.modules().keySet()).containsExactlyInAnyOrderElementsOf(built);
  }

  @Test
  void eachModuleUsesOnlyTheModulesTheDocAllowsIt() {
    List<String> violations = new ArrayList<>();
    doc.modules().forEach((module, allowed) -> deps(module).forEach((from, tos) -> {
      for (String to : tos) {
        String target = moduleOf(to);
        if (target != null && !target.equals(module) && !allowed.contains(target)) {
          violations.add(module + ": " + from + " → " + to + " (" + target + " is not among " + allowed + ")");
        }
      }
    }));
    assertThat(violations).isEmpty();
  }

  @Test
  void noModuleHasAPackageCycle() {
    List<String> cycles = new ArrayList<>();
    for (String module : doc.modules().keySet()) {
      Cycles.in(deps(module)).forEach(c -> cycles.add(module + ": " + c));
    }
    assertThat(cycles).isEmpty();
  }

  @Test
  void layeredPackagesUseOnlyThePackagesBeforeThem() {
    List<String> violations = new ArrayList<>();
    doc.layers().forEach((module, order) -> {
      String base = basePackage(module);
      List<String> pkgs = order.stream().map(p -> p.equals("(root)") ? base : base + "." + p).toList();
      deps(module).forEach((from, tos) -> {
        assertThat(pkgs).as("docs/architecture.md lists every package of " + module).contains(from);
        for (String to : tos) {
          if (pkgs.contains(to) && pkgs.indexOf(to) >= pkgs.indexOf(from)) {
            violations.add(from + " → " + to + ": " + to + " comes after it in the layers of " + module);
          }
        }
      });
    });
    assertThat(violations).isEmpty();
  }

  /** A row of "Libraries kept out" names a module ({@code kiln-serve}) or one of its packages ({@code kiln-model/xgboost}). */
  @Test
  void heavyLibrariesStayOutOfTheModulesThatMustStaySmall() {
    List<String> violations = new ArrayList<>();
    Set<String> modules = new TreeSet<>();
    doc.forbidden().forEach((row, prefixes) -> {
      String module = row.contains("/") ? row.substring(0, row.indexOf('/')) : row;
      String base = basePackage(module);
      String pkg = row.contains("/") ? base + "." + row.substring(row.indexOf('/') + 1).replace('/', '.') : base;
      modules.add(module);
      deps(module).forEach((from, tos) -> {
        if (!from.equals(pkg) && !from.startsWith(pkg + ".")) {
          return;
        }
        for (String to : tos) {
          prefixes.stream().filter(p -> to.startsWith(p)).forEach(p -> violations.add(row + ": " + from + " → " + to));
        }
      });
    });
    assertThat(violations).isEmpty();
    assertThat(modules).as("the doc names modules that exist").isSubsetOf(doc.modules().keySet());
  }
}
