package dev.kiln.release.registry;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * One alias move as the registry records it, after the domain's rules allowed it: which alias
 * goes to which version, who asked and why, whether it is a rollback or forced past a failed
 * gate, and (compare-and-set) the version the alias must point to now, if any.
 */
public record AliasChange(
    String model,
    String alias,
    int toVersion,
    String actor,
    String reason,
    boolean rollback,
    boolean forced,
    OptionalInt expected,
    Instant at) {

  public AliasChange {
    reason = reason == null ? "" : reason;
  }
}
