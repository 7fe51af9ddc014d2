package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleCheckTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static Instant t(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void aScheduleSeenForTheFirstTimeOnlyRemembersItsLatestSlot() {
    Schedule daily = Schedule.utc("0 3 * * *");
    Finding f = ScheduleCheck.check(daily, Optional.empty(), t("2026-12-07T10:00:00Z")).orElseThrow();
    assertThat(f.fires()).isFalse();
    assertThat(f.cause()).isEqualTo("schedule 0 3 * * *: watching, next at 2026-12-08T03:00:00Z");
    assertThat(f.marks()).extracting(TriggerState.Mark::value).containsExactly("2026-12-07T03:00:00Z");
  }

  @Test
  void aSlotFiresOnceWhenItsTimeComesAndNotAgain() {
    Schedule daily = Schedule.utc("0 3 * * *");
    Optional<String> handled = Optional.of("2026-12-07T03:00:00Z");
    assertThat(ScheduleCheck.check(daily, handled, t("2026-12-08T02:59:59Z"))).isEmpty();
    Finding f = ScheduleCheck.check(daily, handled, t("2026-12-08T03:00:00Z")).orElseThrow();
    assertThat(f.fires()).isTrue();
    assertThat(f.cause()).isEqualTo("schedule 0 3 * * *: 2026-12-08T03:00:00Z");
    assertThat(f.marks()).extracting(TriggerState.Mark::value).containsExactly("2026-12-08T03:00:00Z");
    assertThat(ScheduleCheck.check(daily, Optional.of("2026-12-08T03:00:00Z"), t("2026-12-08T03:00:30Z"))).isEmpty();
  }

  @Test
  void slotsMissedWhileNobodyWatchedRunOnceNotOnceEach() {
    Schedule hourly = Schedule.utc("0 * * * *");
    Finding f = ScheduleCheck.check(hourly, Optional.of("2026-12-07T03:00:00Z"), t("2026-12-07T09:30:00Z")).orElseThrow();
    assertThat(f.fires()).isTrue();
    assertThat(f.cause()).isEqualTo("schedule 0 * * * *: 2026-12-07T09:00:00Z (5 earlier slots missed while not "
        + "watching: run once)");
    assertThat(f.marks()).extracting(TriggerState.Mark::value).containsExactly("2026-12-07T09:00:00Z");
  }

  @Test
  void aTimeZoneKeepsTheLocalHourInSummerAndInWinter() {
    Schedule paris = Schedule.of("0 3 * * *", PARIS);
    assertThat(paris.nextAfter(t("2026-07-01T00:00:00Z"))).contains(t("2026-07-01T01:00:00Z"));
    assertThat(paris.nextAfter(t("2026-12-01T00:00:00Z"))).contains(t("2026-12-01T02:00:00Z"));
    Finding f = ScheduleCheck.check(paris, Optional.of("2026-11-30T02:00:00Z"), t("2026-12-01T02:00:00Z")).orElseThrow();
    assertThat(f.cause()).isEqualTo("schedule 0 3 * * * Europe/Paris: 2026-12-01T03:00:00+01:00");
  }

  @Test
  void aSlotInTheHourClocksSkipDoesNotFireThatDayAndOneInTheRepeatedHourFiresOnce() {
    Schedule s = Schedule.of("30 2 * * *", PARIS);
    // 2027-03-28: Paris goes from 02:00 to 03:00, so 02:30 does not exist that day
    assertThat(s.nextAfter(t("2027-03-27T12:00:00Z"))).contains(t("2027-03-29T00:30:00Z"));
    // 2026-10-25: Paris goes from 03:00 back to 02:00, so 02:30 happens twice; it fires at the first
    assertThat(s.nextAfter(t("2026-10-24T12:00:00Z"))).contains(t("2026-10-25T00:30:00Z"));
    assertThat(s.nextAfter(t("2026-10-25T00:30:00Z"))).contains(t("2026-10-26T01:30:00Z"));
  }

  @Test
  void fieldsTakeListsRangesStepsAndNames() {
    Schedule weekdays = Schedule.utc("30 6 * * MON-FRI");
    assertThat(weekdays.nextAfter(t("2026-12-04T07:00:00Z"))).contains(t("2026-12-07T06:30:00Z"));
    Schedule quarter = Schedule.utc("*/15 9-10 * * *");
    assertThat(quarter.nextAfter(t("2026-12-07T09:50:00Z"))).contains(t("2026-12-07T10:00:00Z"));
    assertThat(quarter.nextAfter(t("2026-12-07T10:45:00Z"))).contains(t("2026-12-08T09:00:00Z"));
    Schedule months = Schedule.utc("0 0 1 JAN,JUL *");
    assertThat(months.nextAfter(t("2026-02-01T00:00:00Z"))).contains(t("2026-07-01T00:00:00Z"));
    Schedule list = Schedule.utc("5,35 1 * * *");
    assertThat(list.nextAfter(t("2026-12-07T01:05:00Z"))).contains(t("2026-12-07T01:35:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekBothRestrictedMatchEitherAsCronDoes() {
    Schedule s = Schedule.utc("0 0 13 * FRI");
    // 2026-12-04 is a Friday, the 13th is a Sunday
    assertThat(s.nextAfter(t("2026-12-01T00:00:00Z"))).contains(t("2026-12-04T00:00:00Z"));
    assertThat(s.nextAfter(t("2026-12-12T00:00:00Z"))).contains(t("2026-12-13T00:00:00Z"));
  }

  @Test
  void badExpressionsSayWhatIsWrong() {
    assertThatThrownBy(() -> Schedule.utc("0 3 * *")).hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> Schedule.utc("0 25 * * *")).hasMessageContaining("invalid cron expression '0 25 * * *'");
    assertThatThrownBy(() -> Schedule.utc("0 3 * * FUNDAY")).hasMessageContaining("invalid cron expression");
  }
}
