package dev.kiln.core.history;

import dev.kiln.core.artifact.Output;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stage in one run: its status and the reason in words, its fingerprint and the inputs
 * behind it, timings and resources of the process tree, exit code, log, metrics and outputs.
 * Up-to-date and restored executions carry the outputs and metrics of the execution they reuse
 * ({@link #sourceExecutionId}), so every run holds a complete picture. {@link #output} is the
 * typed value the stage handed downstream, if any.
 */
public record ExecutionRecord(
    long id,
    long runId,
    String stage,
    ExecStatus status,
    String reason,
    String fingerprint,
    String inputsJson,
    Instant startedAt,
    Instant endedAt,
    long wallMillis,
    long cpuMillis,
    long peakRssBytes,
    Integer exitCode,
    String logPath,
    int attempts,
    Long sourceExecutionId,
    Map<String, Double> metrics,
    List<Output> outputs,
    List<String> details,
    StageOutput output) {

  public ExecutionRecord {
    output = output == null ? StageOutput.NONE : output;
    metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
    outputs = List.copyOf(outputs);
    details = List.copyOf(details);
  }
}
