package dev.kiln.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What YamlReader makes of text that is not the YAML it expects: located problems, at once. */
class YamlReaderTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "tab indentation | `kiln: 1\\nstages:\\n\\tx:\\n\\t\\trun: \"true\"\\n` | f.yaml:3:1: tabs are not allowed for indentation in YAML; use spaces",
      "tab after spaces | `a:\\n  b: 1\\n  \\tc: 2\\n` | f.yaml:3:3: tabs are not allowed for indentation in YAML; use spaces",
      "tab in a flow | `a: {x: 1,\\n\\ty: 2}\\n` | f.yaml:2:1: tabs are not allowed for indentation in YAML; use spaces",
      "tab after a key | `a:\\t1\\n` | f.yaml:1:3: a tab is not allowed here in YAML; use a space",
      "control character | `a: 1\\nb: x\\u0001y\\n` | f.yaml:2:5: character U+0001 (a control character) is not allowed in YAML",
      "NUL | `\\u0000` | f.yaml:1:1: character U+0000 (a control character) is not allowed in YAML",
      "noncharacter | `a: \\uFFFE\\n` | f.yaml:1:4: character U+FFFE (not a text character) is not allowed in YAML",
      "lone surrogate | `a: \\uD800\\n` | f.yaml:1:4: character U+D800 (half of a surrogate pair) is not allowed in YAML",
      "CRLF lines count | `a: 1\\r\\nb: 2\\r\\nc: \\u0007\\r\\n` | f.yaml:3:4: character U+0007",
      "unclosed flow | `a: [1, 2\\n` | f.yaml:2:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 1)",
      "bad number | `a: !!float x\\n` | f.yaml:1:13: invalid YAML: Malformed numeric value 'x'",
  })
  void badTextGivesOneLocatedProblemAndNoTree(String what, String text, String expected) {
    Problems problems = new Problems("f.yaml");
    Optional<Node> node = YamlReader.parse(unescape(text), problems);
    assertThat(node).isEmpty();
    assertThat(problems.list()).singleElement().asString().startsWith(expected);
  }

  @Test
  void tabsInsideABlockScalarAreItsContent() {
    Problems problems = new Problems("f.yaml");
    Node node = YamlReader.parse("run: |\n  make\n  \techo tabbed\n", problems).orElseThrow();
    assertThat(problems.isEmpty()).isTrue();
    assertThat(node.toPlain()).isEqualTo(Map.of("run", "make\n\techo tabbed\n"));
  }

  @Test
  void nestingDeeperThanTheParserAllowsIsLocatedWhereItStops() {
    Problems problems = new Problems("f.yaml");
    assertThat(YamlReader.parse("[".repeat(1500), problems)).isEmpty();
    assertThat(problems.list()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).as("at the 201st '[' or just after it").isBetween(201, 202);
      assertThat(p.message()).isEqualTo("invalid YAML: Document nesting depth (201) exceeds the maximum allowed (200)");
    });
  }

  @Test
  void anOversizedFileIsRefusedAtOnceWithTheLimit() throws IOException {
    Path f = dir.resolve("big.yaml");
    try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("a: ");
      for (int i = 0; i < 12_300; i++) {
        w.write("x".repeat(1000));
      }
      w.write("\n");
    }
    Problems problems = new Problems("big.yaml");
    long ms = timed(() -> assertThat(YamlReader.read(f, problems)).isEmpty());
    assertThat(problems.list()).singleElement().asString()
        .isEqualTo("big.yaml: file is 12.3 MB; Kiln reads YAML files up to 2 MB (2,000,000 bytes):"
            + " keep large data in a data file, not in YAML");
    assertThat(ms).as("refused in ms").isLessThan(500);
  }

  @Test
  void anOverlongLineIsRefusedAtOnceWithTheLimitAndEveryOtherLineIsStillChecked() {
    String text = "kiln: 1\nvalue: " + "x".repeat(1_500_000) + "\nother: \u0002\n";
    Problems problems = new Problems("kiln.yaml");
    long ms = timed(() -> assertThat(YamlReader.parse(text, problems)).isEmpty());
    assertThat(problems.list()).extracting(Problem::toString).containsExactly(
        "kiln.yaml:2:1: this line is 1,500,007 characters long; Kiln reads YAML lines up to 100,000 characters:"
            + " split it over several lines (a list, or a block scalar with '|'), or keep large data in a data file",
        "kiln.yaml:3:8: character U+0002 (a control character) is not allowed in YAML: remove it"
            + " (YAML files are text; binary data belongs in a data file)");
    assertThat(ms).as("refused in ms").isLessThan(500);
  }

  @Test
  void aLineAtTheLimitIsRead() {
    String value = "x".repeat(YamlText.MAX_LINE_CHARS - 3);
    Problems problems = new Problems("f.yaml");
    Node node = YamlReader.parse("a: " + value + "\n", problems).orElseThrow();
    assertThat(node.toPlain()).isEqualTo(Map.of("a", value));
  }

  @Test
  void aMultiLineFileUpToTheLimitIsRead() {
    String line = "  - " + "y".repeat(96) + "\n";
    String text = "a:\n" + line.repeat((int) (YamlText.MAX_FILE_BYTES / line.length()) - 1);
    assertThat(text.length()).isLessThanOrEqualTo((int) YamlText.MAX_FILE_BYTES);
    Problems problems = new Problems("f.yaml");
    Node node = YamlReader.parse(text, problems).orElseThrow();
    assertThat(((List<?>) ((Map<?, ?>) node.toPlain()).get("a"))).hasSize((int) (YamlText.MAX_FILE_BYTES / line.length()) - 1);
  }

  private static long timed(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** {@code \n}, {@code \t}, {@code \r} and {@code \\uXXXX} as written in the table. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append('\\').append(n);
      }
    }
    return out.toString();
  }
}
