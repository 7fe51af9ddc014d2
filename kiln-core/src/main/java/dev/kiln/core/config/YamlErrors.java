package dev.kiln.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what the YAML parser throws into one located problem in words: a tab where YAML wants
 * spaces says so, and an error the parser reports without a place (too deep nesting) gets the
 * place the parser had reached.
 */
final class YamlErrors {
  private YamlErrors() {}

  static void report(JsonProcessingException e, JsonLocation reached, String text, Problems problems) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
      int line = y.getProblemMark().getLine() + 1;
      int column = y.getProblemMark().getColumn() + 1;
      String problem = String.valueOf(y.getProblem());
      String message = problem.contains("\\t(TAB)") ? tab(text, line, column)
          : "invalid YAML: " + printable(problem + context(y));
      problems.add(line, column, "", message);
      return;
    }
    JsonLocation at = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : reached;
    int line = at == null ? 0 : Math.max(0, at.getLineNr());
    int column = at == null ? 0 : Math.max(0, at.getColumnNr());
    String message = firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
    problems.add(line, column, "", "invalid YAML: " + printable(message));
  }

  private static String tab(String text, int line, int column) {
    boolean indenting = lineText(text, line).map(l -> l.substring(0, Math.min(column - 1, l.length())).isBlank())
        .orElse(true);
    return indenting ? "tabs are not allowed for indentation in YAML; use spaces"
        : "a tab is not allowed here in YAML; use a space";
  }

  private static Optional<String> lineText(String text, int line) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    return line >= 1 && line <= lines.length ? Optional.of(lines[line - 1]) : Optional.empty();
  }

  private static String context(MarkedYAMLException y) {
    if (y.getContext() == null) {
      return "";
    }
    Mark at = y.getContextMark();
    return " (" + y.getContext() + (at == null ? "" : " at line " + (at.getLine() + 1)) + ")";
  }

  /** The parser quotes offending characters raw: a line break or a tab is shown escaped. */
  private static String printable(String message) {
    StringBuilder out = new StringBuilder(message.length());
    message.codePoints().forEach(c -> {
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format(java.util.Locale.ROOT, "U+%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
