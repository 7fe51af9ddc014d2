package dev.kiln.core.config;

import java.util.Locale;

/**
 * Checks the text of a YAML file before it is parsed, so that what the parser would choke on, or
 * take minutes over, is refused at once with a located problem: files over {@link #MAX_FILE_BYTES},
 * lines over {@link #MAX_LINE_CHARS} (the parser's time grows faster than a line's length), and
 * characters YAML does not allow in a text file (control characters, unpaired surrogates).
 * {@link YamlReader} also refuses nesting deeper than {@link #MAX_DEPTH}, where the parser stops.
 */
public final class YamlText {
  /** The largest YAML file Kiln reads: 2 MB. */
  public static final long MAX_FILE_BYTES = 2_000_000;
  /** The longest line Kiln reads in a YAML file: 100,000 characters. */
  public static final int MAX_LINE_CHARS = 100_000;
  /** The deepest nesting of mappings and lists Kiln reads: 200 levels. */
  public static final int MAX_DEPTH = 200;

  private YamlText() {}

  /** Adds a problem and returns false if a file of {@code bytes} is too big to read. */
  static boolean sizeOk(long bytes, Problems problems) {
    if (bytes <= MAX_FILE_BYTES) {
      return true;
    }
    String size = bytes < MAX_FILE_BYTES + 50_000 ? String.format(Locale.ROOT, "%,d bytes", bytes)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    problems.add(0, 0, "", String.format(Locale.ROOT, "file is %s; Kiln reads YAML files up to 2 MB"
        + " (%,d bytes): keep large data in a data file, not in YAML", size, MAX_FILE_BYTES));
    return false;
  }

  /** Adds a located problem for every overlong line and forbidden character; true if there is none. */
  static boolean check(String text, Problems problems) {
    if (!sizeOk(text.length(), problems)) {
      return false;
    }
    boolean ok = true;
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? '\n' : text.charAt(i);
      if (c == '\n' || c == '\r') {
        ok &= lineOk(text, start, i, line, problems);
        line++;
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 1 : 0;
        start = i + 1;
      }
    }
    return ok;
  }

  private static boolean lineOk(String text, int start, int end, int line, Problems problems) {
    if (end - start > MAX_LINE_CHARS) {
      problems.add(line, 1, "", String.format(Locale.ROOT, "this line is %,d characters long; Kiln reads YAML lines"
          + " up to %,d characters: split it over several lines (a list, or a block scalar with '|'),"
          + " or keep large data in a data file", end - start, MAX_LINE_CHARS));
      return false;
    }
    for (int i = start, column = 1; i < end; i += Character.charCount(text.codePointAt(i)), column++) {
      int c = text.codePointAt(i);
      if (!allowed(c)) {
        problems.add(line, column, "", "character " + describe(c) + " is not allowed in YAML: remove it"
            + " (YAML files are text; binary data belongs in a data file)");
        return false;
      }
    }
    return true;
  }

  /** YAML 1.1's printable characters besides line breaks, which the parser accepts. */
  private static boolean allowed(int c) {
    return c == 0x9 || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
  }

  private static String describe(int c) {
    String code = String.format(Locale.ROOT, "U+%04X", c);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return code + " (a control character)";
    }
    return c >= 0xD800 && c <= 0xDFFF ? code + " (half of a surrogate pair)" : code + " (not a text character)";
  }
}
