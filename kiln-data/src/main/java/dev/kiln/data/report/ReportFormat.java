package dev.kiln.data.report;

import dev.kiln.data.Severity;
import dev.kiln.data.validate.Validation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The formats a validation report can take; each renders the whole report as one string. */
public enum ReportFormat {
  TEXT, JSON, JUNIT, HTML;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The usual file extension: {@code .txt}, {@code .json}, {@code .xml}, {@code .html}. */
  public String extension() {
    switch (this) {
      case JSON:
        return ".json";
      case JUNIT:
        return ".xml";
      case HTML:
        return ".html";
      default:
        return ".txt";
    }
  }

  public String render(Validation v, Severity failOn) {
    switch (this) {
      case JSON:
        return JsonReport.render(v, failOn) + "\n";
      case JUNIT:
        return JunitReport.render(v, failOn);
      case HTML:
        return HtmlReport.render(v, failOn);
      default:
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
          TextReport.print(v, failOn, ps);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  public static Optional<ReportFormat> fromLabel(String s) {
    for (ReportFormat f : values()) {
      if (f.label().equals(s.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format a file name implies, if any. */
  public static Optional<ReportFormat> fromFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (n.endsWith(".xml")) {
      return Optional.of(JUNIT);
    }
    if (n.endsWith(".html") || n.endsWith(".htm")) {
      return Optional.of(HTML);
    }
    if (n.endsWith(".txt")) {
      return Optional.of(TEXT);
    }
    return Optional.empty();
  }
}
