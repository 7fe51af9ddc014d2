package dev.kiln.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The start of a {@code --since} window, and how the user wrote it: a duration back from now, a date or a time. */
record Since(Instant start, String text) {

  static Since parse(String text, Clock clock) {
    String t = text.trim();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return new Since(LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant(), t);
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
        return new Since(Instant.parse(t), t);
      }
    } catch (DateTimeParseException e) {
      throw bad(text);
    }
    Duration d;
    try {
      d = dev.kiln.core.config.Durations.parse(t);
    } catch (IllegalArgumentException e) {
      throw bad(text);
    }
    return new Since(clock.instant().minus(d), t);
  }

  private static UsageException bad(String text) {
    return new UsageException("--since: '" + text + "' is neither a duration (30d, 12h, 90m) nor a date or time "
        + "(2026-11-01, 2026-11-01T08:00:00Z)");
  }
}
