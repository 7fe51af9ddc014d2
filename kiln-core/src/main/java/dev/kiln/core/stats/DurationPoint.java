package dev.kiln.core.stats;

import java.time.Instant;

/** One execution that ran and succeeded: its run, when it started, how long it took. */
public record DurationPoint(long runId, Instant startedAt, long wallMillis) {}
