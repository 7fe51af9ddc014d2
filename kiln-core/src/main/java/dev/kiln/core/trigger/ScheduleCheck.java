package dev.kiln.core.trigger;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Fires a schedule once for its latest slot not handled yet, as Airflow does with {@code catchup=False}:
 * slots missed while nobody watched run once, not once each. A schedule seen for the first time only
 * remembers its latest slot, so starting to watch at 10:00 does not fire the 03:00 slot of the day.
 */
public final class ScheduleCheck {
  /** Missed slots counted at most, for the message. */
  private static final int COUNT_LIMIT = 1000;

  private ScheduleCheck() {}

  /** What {@code schedule} asks at {@code now}, given the slot it last handled (as an ISO instant). */
  public static Optional<Finding> check(Schedule schedule, Optional<String> lastSlot, Instant now) {
    Optional<Instant> latest = schedule.latestAtOrBefore(now);
    Optional<Instant> last = lastSlot.flatMap(ScheduleCheck::parse);
    if (last.isEmpty()) {
      Instant baseline = latest.orElse(now);
      Optional<Instant> next = schedule.nextAfter(now);
      return Optional.of(new Finding("schedule", "schedule " + schedule + ": watching, next at "
          + next.map(n -> format(schedule, n)).orElse("never"), Finding.Outcome.WATCH, List.of(mark(schedule, baseline))));
    }
    if (latest.isEmpty() || !latest.get().isAfter(last.get())) {
      return Optional.empty();
    }
    int missed = missedBetween(schedule, last.get(), latest.get());
    String note = missed == 0 ? "" : " (" + (missed >= COUNT_LIMIT ? COUNT_LIMIT + "+" : missed)
        + " earlier slot" + (missed == 1 ? "" : "s") + " missed while not watching: run once)";
    return Optional.of(new Finding("schedule", "schedule " + schedule + ": " + format(schedule, latest.get()) + note,
        Finding.Outcome.FIRE, List.of(mark(schedule, latest.get()))));
  }

  private static int missedBetween(Schedule s, Instant last, Instant latest) {
    int n = 0;
    Optional<Instant> t = s.nextAfter(last);
    while (t.isPresent() && t.get().isBefore(latest) && n < COUNT_LIMIT) {
      n++;
      t = s.nextAfter(t.get());
    }
    return n;
  }

  private static TriggerState.Mark mark(Schedule s, Instant slot) {
    return new TriggerState.Mark(TriggerState.Kind.SCHEDULE, s.key(), slot.toString());
  }

  private static String format(Schedule s, Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(s.zone()));
  }

  private static Optional<Instant> parse(String iso) {
    try {
      return Optional.of(Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
