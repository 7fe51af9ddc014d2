package dev.kiln.core.stats;

import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects one stage's executions, in the order they were recorded, into its {@link StageStats}. */
final class StageAccumulator {
  private final String pipeline;
  private final String stage;
  private final ZoneId zone;
  private Tally outcomes = Tally.ZERO;
  private CacheTally cache = CacheTally.ZERO;
  private final List<Long> wall = new ArrayList<>();
  private final List<Long> cpu = new ArrayList<>();
  private final List<Long> rss = new ArrayList<>();
  private final Map<LocalDate, List<Long>> wallByDay = new TreeMap<>();
  private final List<DurationPoint> points = new ArrayList<>();

  StageAccumulator(String pipeline, String stage, ZoneId zone) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.zone = zone;
  }

  void add(ExecutionRecord e) {
    outcomes = outcomes.plus(e.status());
    CacheOutcome.of(e).ifPresent(o -> cache = cache.plus(o));
    if (e.status() != ExecStatus.SUCCEEDED) {
      return;
    }
    wall.add(e.wallMillis());
    wallByDay.computeIfAbsent(LocalDate.ofInstant(e.startedAt(), zone), d -> new ArrayList<>()).add(e.wallMillis());
    points.add(new DurationPoint(e.runId(), e.startedAt(), e.wallMillis()));
    if (e.cpuMillis() >= 0) {
      cpu.add(e.cpuMillis());
    }
    if (e.peakRssBytes() > 0) {
      rss.add(e.peakRssBytes());
    }
  }

  StageStats stats() {
    List<DaySummary> days = new ArrayList<>();
    wallByDay.forEach((day, values) -> days.add(new DaySummary(day, Summary.of(values))));
    return new StageStats(pipeline, stage, outcomes, cache, Summary.of(wall), Summary.of(cpu), Summary.of(rss), days,
        points);
  }
}
