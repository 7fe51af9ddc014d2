package dev.kiln.data.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every suite example in docs/data-checks.md parses. */
class DocsExamplesTest {
  static final Path DOC = Path.of("../docs/data-checks.md");

  @Test
  void everySuiteInTheDocsParses(@TempDir Path dir) throws Exception {
    List<String> suites = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (m.find()) {
      String block = m.group(1);
      if (!block.startsWith("stages:")) {
        suites.add(block);
      }
    }
    assertThat(suites).hasSizeGreaterThanOrEqualTo(3);
    for (String yaml : suites) {
      Path f = dir.resolve("suite.yaml");
      Files.writeString(f, yaml);
      assertThat(Suite.parse(f).checks().size() + Suite.parse(f).drift().stream().count()).isPositive();
    }
  }
}
