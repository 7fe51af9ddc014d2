package dev.kiln.core.stats;

import java.util.List;

/**
 * One stage of one pipeline over the report's window: its outcomes, what the run-cache did, and
 * — over the executions that ran and succeeded, since an up-to-date or restored stage costs
 * nearly nothing and a failure may stop early — its wall time, CPU time and peak memory, per day
 * and per execution. CPU time and memory only count executions that measured them.
 */
public record StageStats(
    String pipeline,
    String stage,
    Tally outcomes,
    CacheTally cache,
    Summary wallMillis,
    Summary cpuMillis,
    Summary peakRssBytes,
    List<DaySummary> days,
    List<DurationPoint> durations) {

  public StageStats {
    days = List.copyOf(days);
    durations = List.copyOf(durations);
  }
}
