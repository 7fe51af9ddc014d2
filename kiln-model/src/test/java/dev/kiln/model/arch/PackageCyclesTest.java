package dev.kiln.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kiln-model's packages depend on each other without a cycle, read from the compiled classes by
 * the JDK's own jdeps (the same command docs/architecture.md names), run in-process.
 */
class PackageCyclesTest {
  private static final Path CLASSES = Path.of("target/classes").toAbsolutePath();

  @Test
  void kilnModelPackagesFormNoCycle() {
    Map<String, Set<String>> deps = packageDependencies();
    assertThat(deps).containsKeys("dev.kiln.model.evaluate", "dev.kiln.model.report", "dev.kiln.model.step");
    assertThat(cycles(deps)).as("package cycles in kiln-model").isEmpty();
  }

  /** Edges between kiln-model's packages, from {@code jdeps -verbose:package -filter:none}. */
  static Map<String, Set<String>> packageDependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none",
        "-e", "dev\\.kiln\\.model\\..*", CLASSES.toString());
    assertThat(rc).as(out.toString()).isZero();
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      String[] f = line.trim().split("\\s+");
      boolean edge = f.length >= 3 && f[1].equals("->");
      if (edge && f[0].startsWith("dev.kiln.model.") && f[2].startsWith("dev.kiln.model.")) {
        deps.computeIfAbsent(f[0], k -> new TreeSet<>());
        if (!f[0].equals(f[2])) {
          deps.get(f[0]).add(f[2]);
        }
      }
    }
    return deps;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted. */
  static List<Set<String>> cycles(Map<String, Set<String>> deps) {
    return new Tarjan(deps).run().stream().filter(c -> c.size() > 1).collect(Collectors.toList());
  }

  private static final class Tarjan {
    private final Map<String, Set<String>> deps;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<Set<String>> components = new ArrayList<>();

    Tarjan(Map<String, Set<String>> deps) {
      this.deps = deps;
    }

    List<Set<String>> run() {
      deps.keySet().forEach(p -> {
        if (!index.containsKey(p)) {
          visit(p);
        }
      });
      return components;
    }

    private void visit(String p) {
      index.put(p, index.size());
      low.put(p, index.get(p));
      stack.push(p);
      for (String q : deps.getOrDefault(p, Set.of())) {
        if (!index.containsKey(q)) {
          visit(q);
          low.put(p, Math.min(low.get(p), low.get(q)));
        } else if (stack.contains(q)) {
          low.put(p, Math.min(low.get(p), index.get(q)));
        }
      }
      if (low.get(p).equals(index.get(p))) {
        Set<String> c = new TreeSet<>();
        String q;
        do {
          q = stack.pop();
          c.add(q);
        } while (!q.equals(p));
        components.add(c);
      }
    }
  }
}
