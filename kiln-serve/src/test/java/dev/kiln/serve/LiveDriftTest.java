package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.route.VersionLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live drift's windows close by count and by time, driven by a clock the test moves, and cost fixed memory. */
class LiveDriftTest {
  private static ServedVersion version;
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<DriftWindow> closed = new ArrayList<>();

  @BeforeAll
  static void load(@TempDir Path dir) throws Exception {
    version = new VersionLoader(Batching.OFF).load(MonitorFixtures.bundle(dir, "credit", 1,
        MonitorFixtures.rows(3000, 1, 0, false)));
  }

  @AfterAll
  static void close() {
    // the loader's version closes with the JVM
  }

  private LiveDrift drift(DriftOptions o) {
    LiveDrift d = new LiveDrift(o, clock, 0.5, Runnable::run);
    d.addListener(closed::add);
    return d;
  }

  private static void send(LiveDrift d, List<Map<String, Object>> rows) {
    Columns c = MonitorFixtures.columns(rows);
    Predictions p = version.predict(c);
    d.record(version, c, p);
  }

  @Test
  void aWindowClosesAtItsRowLimitAndARequestIsSplitAtIt() {
    LiveDrift d = drift(new DriftOptions(true, Duration.ofHours(1), 200, 10));
    send(d, MonitorFixtures.rows(150, 2, 0, false));
    assertThat(closed).isEmpty();
    send(d, MonitorFixtures.rows(300, 3, 0, false));
    assertThat(closed).extracting(DriftWindow::rows).containsExactly(200L, 200L);
    assertThat(d.status().get(0).current().orElseThrow().rows()).isEqualTo(50);
    assertThat(closed.get(0).features()).extracting(f -> f.feature()).containsExactly("age", "income", "grade");
    assertThat(closed.get(0).prediction()).isPresent();
  }

  @Test
  void aWindowClosesByTimeOnceItHasItsMinimumRowsAndNotBefore() {
    LiveDrift d = drift(new DriftOptions(true, Duration.ofMinutes(1), 10_000, 100));
    send(d, MonitorFixtures.rows(60, 4, 0, false));
    clock.advance(Duration.ofSeconds(59));
    d.tick();
    assertThat(closed).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    d.tick();
    assertThat(closed).as("61 s old but 60 rows, fewer than the minimum").isEmpty();
    send(d, MonitorFixtures.rows(40, 5, 0, false));
    d.tick();
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).rows()).isEqualTo(100);
    assertThat(closed.get(0).start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(closed.get(0).end()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z"));
    d.tick();
    assertThat(closed).hasSize(1);
  }

  @Test
  void shiftedIncomeDriftsIncomeAndNothingElse() {
    LiveDrift d = drift(new DriftOptions(true, Duration.ofHours(1), 1000, 10));
    send(d, MonitorFixtures.rows(1000, 6, 0, false));
    send(d, MonitorFixtures.rows(1000, 7, 15, false));
    assertThat(closed).hasSize(2);
    assertThat(closed.get(0).drifted()).isEmpty();
    assertThat(closed.get(1).drifted()).containsExactly("income");
    assertThat(closed.get(1).features().get(1).test()).isEqualTo("wasserstein");
    assertThat(closed.get(1).features().get(2).test()).isEqualTo("jensenshannon");
  }

  @Test
  void aClosedWindowCountsEveryDecidedClassItPredictedBesideTheReferenceLabels() {
    LiveDrift d = drift(new DriftOptions(true, Duration.ofHours(1), 500, 10));
    List<Map<String, Object>> sent = MonitorFixtures.rows(500, 9, 0, false);
    Map<String, Long> decided = new LinkedHashMap<>();
    for (int from = 0; from < sent.size(); from += 100) {
      Columns c = MonitorFixtures.columns(sent.subList(from, from + 100));
      Predictions p = version.predict(c);
      Task.Classification task = (Task.Classification) version.task();
      for (int r = 0; r < 100; r++) {
        decided.merge(task.classes().get(((Predictions.Classes) p).decide(r, task, 0.5)), 1L, Long::sum);
      }
      d.record(version, c, p);
    }
    assertThat(closed).singleElement().satisfies(w -> {
      PredictionDistribution dist = w.distribution().orElseThrow();
      assertThat(dist.bins()).containsExactly("0", "1", "(other)");
      assertThat(dist.current()).containsExactly(decided.getOrDefault("0", 0L), decided.getOrDefault("1", 0L), 0L);
      assertThat(dist.currentTotal()).isEqualTo(500);
      long referenceOnes = MonitorFixtures.rows(3000, 1, 0, false).stream().filter(r -> r.get("label").equals(1)).count();
      assertThat(dist.reference()).containsExactly(3000 - referenceOnes, referenceOnes, 0L);
    });
    assertThat(decided.values()).as("the model decides both classes, so the counts can be told apart").hasSize(2)
        .doesNotContain(250L);
  }

  @Test
  void memoryStaysFlatOver200kRequests() {
    LiveDrift d = drift(new DriftOptions(true, Duration.ofHours(1), 10_000, 100));
    List<Map<String, Object>> one = MonitorFixtures.rows(1, 8, 0, false);
    Columns c = MonitorFixtures.columns(one);
    Predictions p = version.predict(c);
    for (int i = 0; i < 20_000; i++) {
      d.record(version, c, p);
    }
    int cells = d.cells("credit", 1).orElseThrow();
    long before = usedAfterGc();
    for (int i = 0; i < 200_000; i++) {
      d.record(version, c, p);
    }
    long after = usedAfterGc();
    assertThat(closed).hasSize(22);
    assertThat(d.cells("credit", 1).orElseThrow()).isEqualTo(cells);
    assertThat(after - before).as("heap growth over 200k requests, bytes").isLessThan(4L << 20);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
