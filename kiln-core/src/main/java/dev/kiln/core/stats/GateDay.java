package dev.kiln.core.stats;

import java.time.LocalDate;

/** How many verdicts one gate decided on one day, blessed and not. */
public record GateDay(String stage, LocalDate day, long blessed, long notBlessed) {}
