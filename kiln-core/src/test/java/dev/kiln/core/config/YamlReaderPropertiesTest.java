package dev.kiln.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every YAML file Kiln reads goes through YamlReader, so no text may crash it: whatever it is
 * given, it yields a node tree or located problems (line and column), never an exception.
 */
class YamlReaderPropertiesTest {
  /** YAML's syntax characters, whitespace including tabs, control and odd characters, letters. */
  private static final String CHARS = "ab1:-?[]{},#&*!|>'\"%@` \t\n\r\\.~\u0000\u0001\u0007\u001b\u007f\u0085\u00a0"
      + "\u2028\ufeff\ufffe\ud800\udc00é";

  @Property(tries = 1000)
  void arbitraryCharactersGiveATreeOrLocatedProblems(@ForAll("characters") String text) {
    assertTreeOrLocatedProblems(text);
  }

  @Property(tries = 1000)
  void arbitraryLinesWithTabsAndSpacesGiveATreeOrLocatedProblems(@ForAll("lines") String text) {
    assertTreeOrLocatedProblems(text);
  }

  @Property(tries = 200)
  void deepNestingGivesATreeOrLocatedProblems(@ForAll("nested") String text) {
    assertTreeOrLocatedProblems(text);
  }

  @Property(tries = 60)
  void longLinesGiveATreeOrLocatedProblems(@ForAll("long") String text) {
    assertTreeOrLocatedProblems(text);
  }

  private static void assertTreeOrLocatedProblems(String text) {
    Problems problems = new Problems("f.yaml");
    Optional<Node> node = YamlReader.parse(text, problems);
    if (node.isEmpty()) {
      assertThat(problems.list()).as("problems when there is no tree").isNotEmpty();
    }
    assertThat(problems.list()).allSatisfy(p -> {
      assertThat(p.line()).as(p.toString()).isPositive();
      assertThat(p.column()).as(p.toString()).isPositive();
      assertThat(p.message()).as(p.toString()).doesNotContain("Exception", "\n");
    });
  }

  @Provide
  Arbitrary<String> characters() {
    return Arbitraries.strings().withChars(CHARS.toCharArray()).ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> indent = Arbitraries.strings().withChars(' ', ' ', '\t').ofMaxLength(6);
    Arbitrary<String> token = Arbitraries.of("a:", "b: 1", "- x", "- ", "c: [1, 2]", "d: {e: f}", "run: |", "  text",
        "? k", ": v", "&x y", "*x", "!!str 1", "'q'", "\"dq\\t\"", "# c", "---", "...", "%YAML 1.1", "e: 1e999",
        "f: 0x1F", "g: .nan", "h: ~", "<<: *x", "[", "]", "{", "}", ",");
    Arbitrary<String> line = Combinators.combine(indent, token.list().ofMaxSize(3), Arbitraries.of(" ", "\t", "  "))
        .as((i, ts, separator) -> i + String.join(separator, ts));
    return line.list().ofMaxSize(12).map(ls -> String.join("\n", ls) + "\n");
  }

  @Provide
  Arbitrary<String> nested() {
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 1500);
    return Combinators.combine(depth, Arbitraries.of("[", "{a: ", "- ", "a:\n", "[{b: "), Arbitraries.of(true, false))
        .as((n, open, closed) -> nest(n, open, closed));
  }

  @Provide
  Arbitrary<String> longLines() {
    return Arbitraries.strings().withChars('x', ' ', '\t', ':', '"', '\'').ofMinLength(1).ofMaxLength(3)
        .flatMap(unit -> Arbitraries.integers().between(YamlText.MAX_LINE_CHARS - 8, YamlText.MAX_LINE_CHARS + 8)
            .map(n -> List.of("a: ", "- ", "\"", "'", "\t").get(n % 5) + unit.repeat(n / unit.length())));
  }

  @Provide("long")
  Arbitrary<String> longText() {
    return Arbitraries.oneOf(longLines(), longLines().map(l -> "kiln: 1\nstages:\n  x: " + l + "\n"));
  }

  private static String nest(int n, String open, boolean closed) {
    if (open.equals("a:\n")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(n, 400); i++) {
        sb.append("  ".repeat(i)).append("a:\n");
      }
      return sb.toString();
    }
    String close = open.startsWith("[{") ? "}]" : open.startsWith("[") ? "]" : open.startsWith("{") ? "}" : "";
    return open.repeat(n) + "x" + (closed ? close.repeat(n) : "");
  }
}
