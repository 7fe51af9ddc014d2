package dev.kiln.stats.profile;

/** Lengths (in characters) of a text column's non-missing values. */
public record LengthSummary(long min, long max, double mean) {}
