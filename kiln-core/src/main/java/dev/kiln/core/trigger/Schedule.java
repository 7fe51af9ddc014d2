package dev.kiln.core.trigger;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code on: schedule}: a five-field cron expression (minute, hour, day of month, month, day of week;
 * lists, ranges, steps, month and day names) read in a time zone (UTC unless given), so
 * {@code 0 3 * * *} in Europe/Paris fires at 03:00 Paris time in summer and in winter. Cron
 * expressions are parsed by cron-utils with its Unix definition.
 */
public final class Schedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private final String cron;
  private final ZoneId zone;
  private final ExecutionTime times;

  private Schedule(String cron, ZoneId zone, ExecutionTime times) {
    this.cron = cron;
    this.zone = zone;
    this.times = times;
  }

  /** Parses; throws {@link IllegalArgumentException} saying what is wrong with the expression. */
  public static Schedule of(String cron, ZoneId zone) {
    String c = cron.trim().replaceAll("\\s+", " ");
    if (c.split(" ").length != 5) {
      throw new IllegalArgumentException("invalid cron expression '" + cron + "': expected 5 fields (minute hour "
          + "day-of-month month day-of-week), found " + (c.isEmpty() ? 0 : c.split(" ").length));
    }
    Cron parsed;
    try {
      parsed = PARSER.parse(c).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron expression '" + cron + "': " + e.getMessage());
    }
    return new Schedule(c, zone.normalized(), ExecutionTime.forCron(parsed));
  }

  public static Schedule utc(String cron) {
    return of(cron, ZoneOffset.UTC);
  }

  public String cron() {
    return cron;
  }

  public ZoneId zone() {
    return zone;
  }

  /** What the trigger state remembers this schedule by: changing the expression or zone starts afresh. */
  public String key() {
    return zone.equals(ZoneOffset.UTC) ? cron : cron + " " + zone.getId();
  }

  /** The latest slot at or before {@code t}. */
  public Optional<Instant> latestAtOrBefore(Instant t) {
    ZonedDateTime after = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
    return times.lastExecution(after).map(ZonedDateTime::toInstant);
  }

  /** The first slot strictly after {@code t}. */
  public Optional<Instant> nextAfter(Instant t) {
    return times.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  @Override
  public String toString() {
    return key();
  }
}
