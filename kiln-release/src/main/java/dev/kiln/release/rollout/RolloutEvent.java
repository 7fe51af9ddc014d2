package dev.kiln.release.rollout;

import java.time.Instant;

/** One transition of a rollout, in words: "step 2/4: 25% to v3". */
public record RolloutEvent(Instant at, String text) {}
