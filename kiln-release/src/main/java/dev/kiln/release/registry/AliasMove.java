package dev.kiln.release.registry;

import java.time.Instant;

/**
 * One entry of an alias's append-only history: who moved it, when, from which version (null
 * when the alias was created) to which, and why. {@code rollback} marks moves made by
 * {@code kiln models rollback}; {@code forced} marks promotions of versions whose gate failed.
 */
public record AliasMove(
    long id,
    String model,
    String alias,
    Integer fromVersion,
    int toVersion,
    String movedBy,
    Instant movedAt,
    String reason,
    boolean rollback,
    boolean forced) {}
