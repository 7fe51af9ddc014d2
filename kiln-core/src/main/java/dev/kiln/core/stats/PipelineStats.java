package dev.kiln.core.stats;

import java.util.List;

/**
 * One pipeline over the report's window: its runs' outcomes and wall times (of the runs that
 * ended), its stages in the order they first ran, and its gates' verdicts, each and per day.
 */
public record PipelineStats(
    String pipeline,
    Tally runs,
    Summary runWallMillis,
    List<StageStats> stages,
    List<Verdict> verdicts,
    List<GateDay> gateDays) {

  public PipelineStats {
    stages = List.copyOf(stages);
    verdicts = List.copyOf(verdicts);
    gateDays = List.copyOf(gateDays);
  }
}
