package dev.kiln.core.stats;

import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@link StatsReport}s from recorded runs and stage executions: a pure function, so
 * {@code kiln stats} and any later server agree and tests need no store. Executions count for
 * the pipeline of their run; executions of runs not given are left out. Days are calendar days
 * in the given zone.
 */
public final class PipelineStatistics {
  /** How many stages the slowest and most-failing lists hold at most. */
  public static final int TOP = 5;

  private static final Comparator<StageStats> SLOWEST = Comparator
      .comparingDouble((StageStats s) -> -s.wallMillis().p50())
      .thenComparingDouble(s -> -s.wallMillis().p95())
      .thenComparing(StageStats::pipeline).thenComparing(StageStats::stage);
  private static final Comparator<StageStats> MOST_FAILING = Comparator
      .comparingLong((StageStats s) -> -s.outcomes().failed())
      .thenComparingDouble(s -> -s.outcomes().failureRate())
      .thenComparing(StageStats::pipeline).thenComparing(StageStats::stage);

  private PipelineStatistics() {}

  public static StatsReport of(Instant since, List<RunRecord> runs, List<ExecutionRecord> executions,
      VerdictReader verdicts, ZoneId zone) {
    Map<Long, RunRecord> byId = new TreeMap<>();
    runs.forEach(r -> byId.put(r.id(), r));
    Map<String, List<RunRecord>> runsOf = new TreeMap<>();
    byId.values().forEach(r -> runsOf.computeIfAbsent(r.pipeline(), p -> new ArrayList<>()).add(r));
    Map<String, List<ExecutionRecord>> execsOf = new TreeMap<>();
    executions.stream().filter(e -> byId.containsKey(e.runId())).sorted(Comparator.comparingLong(ExecutionRecord::id))
        .forEach(e -> execsOf.computeIfAbsent(byId.get(e.runId()).pipeline(), p -> new ArrayList<>()).add(e));
    List<PipelineStats> pipelines = new ArrayList<>();
    runsOf.forEach((p, rs) -> pipelines.add(pipeline(p, rs, execsOf.getOrDefault(p, List.of()), verdicts, zone)));
    List<StageStats> all = pipelines.stream().flatMap(p -> p.stages().stream()).toList();
    List<StageStats> slowest = all.stream().filter(s -> s.wallMillis().count() > 0).sorted(SLOWEST).limit(TOP).toList();
    List<StageStats> failing = all.stream().filter(s -> s.outcomes().failed() > 0).sorted(MOST_FAILING).limit(TOP)
        .toList();
    return new StatsReport(since, pipelines, slowest, failing);
  }

  private static PipelineStats pipeline(String name, List<RunRecord> runs, List<ExecutionRecord> execs,
      VerdictReader verdicts, ZoneId zone) {
    Tally tally = Tally.ZERO;
    List<Long> wall = new ArrayList<>();
    for (RunRecord r : runs) {
      tally = tally.plus(r.status());
      if (r.endedAt() != null) {
        wall.add(r.duration().toMillis());
      }
    }
    Map<String, StageAccumulator> stages = new LinkedHashMap<>();
    List<Verdict> decided = new ArrayList<>();
    for (ExecutionRecord e : execs) {
      stages.computeIfAbsent(e.stage(), s -> new StageAccumulator(name, s, zone)).add(e);
      if (e.sourceExecutionId() == null) {
        verdicts.blessed(e).ifPresent(b -> decided.add(new Verdict(e.stage(), e.runId(), e.startedAt(), b)));
      }
    }
    return new PipelineStats(name, tally, Summary.of(wall),
        stages.values().stream().map(StageAccumulator::stats).toList(), decided, gateDays(decided, zone));
  }

  private static List<GateDay> gateDays(List<Verdict> verdicts, ZoneId zone) {
    Map<String, Map<LocalDate, long[]>> counts = new TreeMap<>();
    for (Verdict v : verdicts) {
      long[] c = counts.computeIfAbsent(v.stage(), s -> new TreeMap<>())
          .computeIfAbsent(LocalDate.ofInstant(v.at(), zone), d -> new long[2]);
      c[v.blessed() ? 0 : 1]++;
    }
    List<GateDay> out = new ArrayList<>();
    counts.forEach((stage, days) -> days.forEach((day, c) -> out.add(new GateDay(stage, day, c[0], c[1]))));
    return out;
  }
}
