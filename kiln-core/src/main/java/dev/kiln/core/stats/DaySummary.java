package dev.kiln.core.stats;

import java.time.LocalDate;

/** A stage's wall time on one day (in the report's time zone), over the executions that ran and succeeded. */
public record DaySummary(LocalDate day, Summary wallMillis) {}
