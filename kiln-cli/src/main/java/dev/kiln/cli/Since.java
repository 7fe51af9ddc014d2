package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A {@code --since} option: a duration back from now ({@code 24h}, {@code 7d}) or a time ({@code 2026-12-06T10:00:00Z}). */
final class Since {
  private Since() {}

  static Instant parse(String option, String text, Clock clock) {
    try {
      return clock.instant().minus(Durations.parse(text));
    } catch (IllegalArgumentException e) {
      try {
        return Instant.parse(text.trim());
      } catch (DateTimeParseException notATime) {
        throw new UsageException(option + ": " + e.getMessage() + ", or a time such as 2026-12-06T10:00:00Z");
      }
    }
  }
}
