package dev.kiln.core.stats;

import java.time.Instant;
import java.util.List;

/**
 * Pipeline statistics over the runs started since {@code since}: each pipeline (by name), and
 * across them the slowest stages (by median wall time, then 95th percentile) and the most
 * failing ones (by failures, then failure rate), at most {@link PipelineStatistics#TOP} of each.
 */
public record StatsReport(
    Instant since,
    List<PipelineStats> pipelines,
    List<StageStats> slowest,
    List<StageStats> mostFailing) {

  public StatsReport {
    pipelines = List.copyOf(pipelines);
    slowest = List.copyOf(slowest);
    mostFailing = List.copyOf(mostFailing);
  }

  public boolean isEmpty() {
    return pipelines.isEmpty();
  }
}
