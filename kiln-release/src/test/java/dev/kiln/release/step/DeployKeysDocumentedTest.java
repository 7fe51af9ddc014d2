package dev.kiln.release.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/kiln-yaml.md's deploy section lists exactly the keys the deploy step accepts. */
class DeployKeysDocumentedTest {
  private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z-]+)` \\|");

  @Test
  void theKilnYamlReferenceListsExactlyTheKeysTheDeployStepAccepts() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../docs/kiln-yaml.md"));
    int start = lines.indexOf("### `deploy`");
    assertThat(start).isNotNegative();
    List<String> keys = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      Matcher m = KEY_ROW.matcher(lines.get(i));
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    assertThat(keys).containsExactlyInAnyOrderElementsOf(DeployStep.KEYS);
  }
}
