package dev.kiln.release.environment;

import java.time.Instant;

/**
 * One entry of an environment's append-only history: when, who, from which run, the stable
 * version before and after, and what happened in words ("step 2/4: 25% to v3").
 */
public record EnvironmentEvent(long id, String environment, Instant at, String actor, Long runId, Integer fromVersion,
    int toVersion, String text) {}
