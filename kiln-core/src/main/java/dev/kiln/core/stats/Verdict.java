package dev.kiln.core.stats;

import java.time.Instant;

/** A verdict a gate decided in a run (not one an up-to-date or restored gate handed on again). */
public record Verdict(String stage, long runId, Instant at, boolean blessed) {}
