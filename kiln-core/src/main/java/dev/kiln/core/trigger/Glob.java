package dev.kiln.core.trigger;

import java.util.regex.Pattern;

/**
 * One filter pattern with GitHub Actions' meaning, for branch names and file paths: {@code *} matches
 * any characters but {@code /}, {@code **} any characters, {@code **}{@code /} also no directory at all,
 * {@code ?} makes the character before it optional and {@code +} repeats it, {@code [a-z0-9]} matches one
 * listed character, and {@code \} escapes the next one. A leading {@code !} (see {@link GlobFilter})
 * negates the pattern.
 */
public final class Glob {
  private final String text;
  private final Pattern regex;

  private Glob(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /** Compiles a pattern written without its {@code !}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Glob of(String pattern) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    return new Glob(pattern, Pattern.compile(translate(pattern)));
  }

  public boolean matches(String nameOrPath) {
    return regex.matcher(nameOrPath).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  private static String translate(String p) {
    StringBuilder re = new StringBuilder();
    boolean atomBefore = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
            i++;
            boolean slashAfter = i + 1 < p.length() && p.charAt(i + 1) == '/';
            if (slashAfter) {
              i++;
              re.append("(?:.*/)?");
            } else {
              re.append(".*");
            }
          } else {
            re.append("[^/]*");
          }
          atomBefore = false;
        }
        case '?', '+' -> {
          if (!atomBefore) {
            throw new IllegalArgumentException("'" + c + "' at column " + (i + 1) + " has no character before it to "
                + (c == '?' ? "make optional" : "repeat") + " (escape it as \\" + c + " to match it)");
          }
          re.append(c);
          atomBefore = false;
        }
        case '[' -> {
          int end = p.indexOf(']', i + 1);
          if (end < 0 || end == i + 1) {
            throw new IllegalArgumentException(end < 0 ? "'[' at column " + (i + 1) + " is never closed with ']'"
                : "'[]' at column " + (i + 1) + " lists no character");
          }
          re.append('[').append(classBody(p.substring(i + 1, end))).append(']');
          i = end;
          atomBefore = true;
        }
        case '\\' -> {
          if (i + 1 == p.length()) {
            throw new IllegalArgumentException("'\\' at the end escapes nothing");
          }
          re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
          atomBefore = true;
        }
        default -> {
          re.append(Pattern.quote(String.valueOf(c)));
          atomBefore = true;
        }
      }
    }
    return re.toString();
  }

  private static String classBody(String body) {
    StringBuilder out = new StringBuilder();
    for (char c : body.toCharArray()) {
      if (c == '\\' || c == '[' || c == '^' || c == '&') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
