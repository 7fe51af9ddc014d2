package dev.kiln.data.read;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's multi-line error messages into one line a user can act on:
 * {@code data.csv:4: Could not convert string "foo" to 'BIGINT' in column "a"}.
 */
public final class DataErrors {
  private static final Pattern LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern TYPE_PREFIX = Pattern.compile("^[A-Za-z ]+ Error: ");

  private DataErrors() {}

  /** A {@link DataReadException} for a failed query over {@code what} (a file or glob). */
  public static DataReadException translate(String what, SQLException e) {
    return new DataReadException(describe(what, e.getMessage()), e);
  }

  /** True when DuckDB gave up for lack of memory (within its memory limit or from the system). */
  public static boolean outOfMemory(SQLException e) {
    return String.valueOf(e.getMessage()).startsWith("Out of Memory Error");
  }

  /** The error for an aggregate over {@code columns} that does not fit the memory limit even alone. */
  public static DataReadException outOfMemory(String what, List<String> columns, SQLException e) {
    String cols = columns.isEmpty() ? "the rows" : (columns.size() == 1 ? "column " : "columns ")
        + columns.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    return new DataReadException(what + ": DuckDB ran out of memory computing the statistics of " + cols + ": "
        + reason(e.getMessage()) + "; " + raise(), e);
  }

  private static String raise() {
    return "raise the memory limit with KILN_DATA_MEMORY (now " + EngineSettings.memoryLimit() + "), e.g. KILN_DATA_MEMORY=2GB";
  }

  static String describe(String what, String message) {
    if (message == null) {
      return what + ": cannot be read";
    }
    if (message.startsWith("Out of Memory Error")) {
      return what + ": DuckDB ran out of memory: " + reason(message) + "; " + raise();
    }
    Matcher m = LINE.matcher(message);
    if (m.find()) {
      return what + ":" + m.group(1) + ": " + reason(message);
    }
    String first = TYPE_PREFIX.matcher(firstLine(message)).replaceFirst("");
    return what + ": " + first;
  }

  /** The line of a CSV error that says what is wrong (after the "Original Line" echo). */
  private static String reason(String message) {
    if (message.startsWith("Out of Memory Error")) {
      return TYPE_PREFIX.matcher(firstLine(message)).replaceFirst("");
    }
    String[] lines = message.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("Original Line:")) {
        continue;
      }
      return l.replace("Error when converting column ", "column ");
    }
    return TYPE_PREFIX.matcher(lines[0]).replaceFirst("");
  }

  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
