package dev.kiln.release.registry;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * A request to point an alias at a version: who asks, when, why, whether to force it past a
 * failed gate, and optionally the version the alias must point to now (compare-and-set).
 * Built with {@link #of} and the {@code because}, {@code forced} and {@code expecting} withers.
 */
public record Promotion(
    String model,
    int version,
    String alias,
    String actor,
    Instant at,
    String reason,
    boolean force,
    OptionalInt expected) {

  public Promotion {
    reason = reason == null ? "" : reason;
  }

  public static Promotion of(String model, int version, String alias, String actor, Instant at) {
    return new Promotion(model, version, alias, actor, at, "", false, OptionalInt.empty());
  }

  public Promotion because(String why) {
    return new Promotion(model, version, alias, actor, at, why, force, expected);
  }

  public Promotion forced(boolean yes) {
    return new Promotion(model, version, alias, actor, at, reason, yes, expected);
  }

  public Promotion expecting(OptionalInt current) {
    return new Promotion(model, version, alias, actor, at, reason, force, current);
  }
}
