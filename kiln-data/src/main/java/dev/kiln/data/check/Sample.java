package dev.kiln.data.check;

/** A failing value and its row: data rows count from 1 (a CSV file's line is row + 1 under a header). */
public record Sample(long row, String value) {}
