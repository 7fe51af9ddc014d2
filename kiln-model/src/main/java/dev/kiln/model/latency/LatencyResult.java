package dev.kiln.model.latency;

import java.util.LinkedHashMap;
import java.util.Map;

/** Single-row latency percentiles (milliseconds) and batch throughput (rows per second) on this machine. */
public record LatencyResult(int calls, double p50Ms, double p95Ms, double p99Ms, double meanMs, int batchRows,
    double batchRowsPerSecond) {

  /** Flat metric names: latency.p50_ms, latency.p95_ms, latency.p99_ms, latency.mean_ms, latency.batch_rows_per_s. */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("latency.p50_ms", p50Ms);
    m.put("latency.p95_ms", p95Ms);
    m.put("latency.p99_ms", p99Ms);
    m.put("latency.mean_ms", meanMs);
    m.put("latency.batch_rows_per_s", batchRowsPerSecond);
    return m;
  }
}
