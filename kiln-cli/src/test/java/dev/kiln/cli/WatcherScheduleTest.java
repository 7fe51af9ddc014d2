package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.core.runs.RunQueue;
import dev.kiln.core.trigger.Finding;
import dev.kiln.core.trigger.Schedule;
import dev.kiln.core.trigger.Triggers;
import dev.kiln.core.trigger.Watcher;
import dev.kiln.store.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules through the Watcher with the real store and a clock the test moves: no sleeping. */
class WatcherScheduleTest {
  @TempDir
  Path tmp;

  static Triggers daily(String cron, ZoneId zone) {
    return new Triggers(Optional.empty(), List.of(Schedule.of(cron, zone)), Optional.empty(), false,
        dev.kiln.core.trigger.MonitorFilter.NONE);
  }

  Watcher watcher(MetadataStore store, TestClock clock) {
    return new Watcher("p", store.triggerState(), Optional.empty(), paths -> Map.of(), clock);
  }

  @Test
  void aScheduleFiresAtItsSlotInItsTimeZoneAndOnlyOnce() {
    TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    Triggers t = daily("0 3 * * *", ZoneId.of("Europe/Paris"));
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(tmp), tmp)) {
      Watcher w = watcher(store, clock);
      assertThat(w.poll(t)).singleElement().satisfies(d -> assertThat(d.finding().outcome())
          .isEqualTo(Finding.Outcome.WATCH));
      clock.advance(Duration.ofHours(15).plusMinutes(59));
      assertThat(w.poll(t)).isEmpty();
      clock.advance(Duration.ofMinutes(1));
      List<Watcher.Decision> fired = w.poll(t);
      assertThat(fired).singleElement().satisfies(d -> {
        assertThat(d.finding().cause()).isEqualTo("schedule 0 3 * * * Europe/Paris: 2026-12-08T03:00:00+01:00");
        assertThat(d.requestId()).isPresent();
      });
      clock.advance(Duration.ofMinutes(5));
      assertThat(w.poll(t)).isEmpty();
      RunQueue.Request r = store.runQueue().waiting("p").orElseThrow();
      assertThat(r.trigger()).isEqualTo("schedule");
      assertThat(r.requestedAt()).isEqualTo(Instant.parse("2026-12-08T02:00:00Z"));
    }
  }

  @Test
  void aScheduleMissedWhileNoWatchRanRunsOnceAfterARestart() {
    TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    Triggers t = daily("0 3 * * *", ZoneId.of("UTC"));
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(tmp), tmp)) {
      watcher(store, clock).poll(t);
    }
    clock.advance(Duration.ofDays(3));
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(tmp), tmp)) {
      Watcher restarted = watcher(store, clock);
      assertThat(restarted.poll(t)).singleElement().satisfies(d -> assertThat(d.finding().cause())
          .isEqualTo("schedule 0 3 * * *: 2026-12-10T03:00:00Z (2 earlier slots missed while not watching: run once)"));
      assertThat(restarted.poll(t)).isEmpty();
      assertThat(store.runQueue().since("p", Instant.EPOCH)).hasSize(1);
    }
  }
}
