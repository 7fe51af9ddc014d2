package dev.kiln.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints human durations: {@code 250ms}, {@code 30s}, {@code 1h30m}, {@code 2d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Durations() {}

  public static Duration parse(String text) {
    String t = text.trim();
    if (NUMBER.matcher(t).matches()) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }
    Matcher m = PART.matcher(t);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      millis += Math.round(n * unitMillis(m.group(2)));
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': use a number with ms, s, m, h or d, such as 30s or 1h30m");
    }
    return Duration.ofMillis(millis);
  }

  private static long unitMillis(String unit) {
    switch (unit) {
      case "ms": return 1;
      case "s": return 1_000;
      case "m": return 60_000;
      case "h": return 3_600_000;
      default: return 86_400_000;
    }
  }

  /** Short human form: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
