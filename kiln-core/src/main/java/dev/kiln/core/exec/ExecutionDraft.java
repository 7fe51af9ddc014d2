package dev.kiln.core.exec;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.StageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fields of an execution record while its stage is still being decided and run. */
final class ExecutionDraft {
  final long id;
  final long runId;
  final String stage;
  final Instant startedAt;
  ExecStatus status = ExecStatus.FAILED;
  String reason = "";
  /** What a step said when it passed ("blessed: 3 checks passed"); empty for commands. */
  String stepOutcome = "";
  String fingerprint = "";
  String inputsJson = "";
  long cpuMillis = -1;
  long peakRssBytes = -1;
  Integer exitCode;
  String logPath;
  int attempts;
  Long sourceExecutionId;
  final Map<String, Double> metrics = new TreeMap<>();
  final List<Output> outputs = new ArrayList<>();
  final List<String> details = new ArrayList<>();
  StageOutput output = StageOutput.NONE;

  ExecutionDraft(long id, long runId, String stage, Instant startedAt) {
    this.id = id;
    this.runId = runId;
    this.stage = stage;
    this.startedAt = startedAt;
  }

  ExecutionDraft reuse(ExecutionRecord source) {
    sourceExecutionId = source.sourceExecutionId() != null ? source.sourceExecutionId() : source.id();
    metrics.putAll(source.metrics());
    outputs.addAll(source.outputs());
    details.addAll(source.details());
    output = source.output();
    return this;
  }

  ExecutionRecord finish(ExecStatus finalStatus, String finalReason, Instant endedAt) {
    this.status = finalStatus;
    this.reason = finalReason;
    long wall = java.time.Duration.between(startedAt, endedAt).toMillis();
    return new ExecutionRecord(id, runId, stage, status, reason, fingerprint, inputsJson, startedAt, endedAt,
        wall, cpuMillis, peakRssBytes, exitCode, logPath, attempts, sourceExecutionId, metrics, outputs, details,
        output);
  }
}
