package dev.kiln.release.environment;

import java.time.Duration;
import java.time.Instant;

/**
 * Which gateway's rollout controller acts for an environment. Several gateways may follow one
 * environment on a shared store; they all route as the store says, but only the holder of its
 * lease measures and moves the rollout, so analyses are not counted twice. A lease is held by
 * renewing it before it expires; a holder that dies loses it when it expires, and another takes
 * over. The store implements it atomically.
 */
public interface ControllerLeases {

  /** Takes or renews the lease of {@code environment} for {@code holder} until {@code now + lease}; true if it holds it. */
  boolean hold(String environment, String holder, Instant now, Duration lease);

  /** Lets the lease go if {@code holder} has it (a gateway that stops). */
  void release(String environment, String holder);
}
