package dev.kiln.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as options take them: {@code 64MB}, {@code 512KB}, {@code 1GB}, {@code 4096} (bytes); units are powers of 1024. */
final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(B|KB|K|KIB|MB|M|MIB|GB|G|GIB)?");

  private ByteSizes() {}

  static long parse(String option, String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(option + " takes a size such as 64MB, 512KB or 4096, found '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'K' -> n << 10;
      case 'M' -> n << 20;
      case 'G' -> n << 30;
      default -> n;
    };
  }
}
