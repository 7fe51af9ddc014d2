package dev.kiln.core.exec;

import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunStatus;
import java.util.Map;

/** The result of a run: its id, status, reason and the record of every selected stage. */
public record RunOutcome(long runId, RunStatus status, String reason, Map<String, ExecutionRecord> stages) {}
