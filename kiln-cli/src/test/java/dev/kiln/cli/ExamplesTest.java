package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example in examples/ runs from a clean copy, and a second run does nothing it need not do. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  TestProject copy(String name) throws IOException {
    Path from = EXAMPLES.resolve(name);
    Path to = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path rel = from.relativize(f);
        if (rel.startsWith(".kiln") || rel.startsWith("model") || rel.startsWith("metrics")
            || rel.startsWith("reports")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.deleteIfExists(to.resolve("data/train.csv"));
    Files.deleteIfExists(to.resolve("data/test.csv"));
    return new TestProject(to);
  }

  @Test
  void theQuickstartRunsAndThenIsUpToDate() throws IOException {
    TestProject p = copy("quickstart");
    TestProject.Result first = p.kiln("run", "-q");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("4 ran");
    assertThat(p.kiln("run", "-q").out()).contains("4 up to date");
    assertThat(p.kiln("status").out()).contains("everything is up to date");
  }

  @Test
  void theCreditRiskPipelineTrainsEvaluatesGatesAndRegisters() throws IOException {
    TestProject p = copy("credit-risk");
    TestProject.Result first = p.kiln("run", "-q");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("14 of 14 data checks passed", "blessed: 4 checks passed", "registered credit-risk:1 as @staging");
    TestProject.Result second = p.kiln("run", "-q");
    assertThat(second.out()).contains("= train: up to date", "= evaluate: up to date", "= register: up to date");
    assertThat(p.kiln("models", "show", "credit-risk@staging").out()).contains("gate      blessed",
        "data/hmda.csv  sha256:");
  }
}
