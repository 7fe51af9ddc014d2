package dev.kiln.model.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.kiln.core.step.StepRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code with:} key a step accepts is documented, and nothing else is: the key table of
 * the step's section in docs/kiln-yaml.md ({@code ### `NAME`}) and in docs/models.md
 * ({@code ### `uses: NAME` keys}) lists exactly the step's {@code withKeys()}. To cover another
 * step, add a line to {@link #steps()}.
 */
class StepKeysDocumentedTest {
  private static final Path DOCS = Path.of("../docs").toAbsolutePath().normalize();
  private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z][a-z-]*)` \\|");

  static Stream<Arguments> steps() {
    return Stream.of(
        arguments("train", new TrainStep().withKeys()),
        arguments("evaluate", new EvaluateStep().withKeys()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void kilnYamlReferenceListsExactlyTheKeysTheStepAccepts(String step, List<String> keys) throws Exception {
    assertThat(StepRegistry.load().names()).contains(step);
    assertThat(documentedKeys("kiln-yaml.md", "### `" + step + "`")).containsExactlyInAnyOrderElementsOf(keys);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void modelsGuideListsExactlyTheKeysTheStepAccepts(String step, List<String> keys) throws Exception {
    assertThat(documentedKeys("models.md", "### `uses: " + step + "` keys")).containsExactlyInAnyOrderElementsOf(keys);
  }

  /** The first-column keys of the tables between {@code heading} and the next heading of any level. */
  private static List<String> documentedKeys(String doc, String heading) throws Exception {
    List<String> lines = Files.readAllLines(DOCS.resolve(doc));
    int start = lines.indexOf(heading);
    assertThat(start).as("%s has a section '%s'", doc, heading).isNotNegative();
    List<String> keys = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      Matcher m = KEY_ROW.matcher(lines.get(i));
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }
}
