package dev.kiln.serve.feedback;

/**
 * What a {@code POST /feedback} did: labels matched to a journaled prediction and counted
 * ({@code accepted}), labels for ids the journal does not hold — never seen, evicted or expired
 * ({@code unknown}), and labels for predictions already labelled, which are not counted again
 * ({@code duplicate}).
 */
public record Receipt(long accepted, long unknown, long duplicate) {}
