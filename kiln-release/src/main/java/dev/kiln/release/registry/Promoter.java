package dev.kiln.release.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rules for moving aliases, over any {@link ModelRegistry}: an alias name must be valid; a
 * version its gate did not bless is promoted only when forced, and a forced promotion needs a
 * reason; a rollback returns an alias to the version it pointed to before its current version
 * was promoted. The registry records the move atomically (compare-and-set).
 */
public final class Promoter {
  private final ModelRegistry registry;

  public Promoter(ModelRegistry registry) {
    this.registry = registry;
  }

  public AliasMove promote(Promotion p) {
    requireAliasName(p.alias());
    ModelVersion target = registry.resolve(ModelRef.version(p.model(), p.version()));
    boolean forced = requireBlessed(target, p.force(), p.reason());
    return registry.move(new AliasChange(p.model(), p.alias(), p.version(), p.actor(), p.reason(), false, forced,
        p.expected(), p.at()));
  }

  /** Moves {@code alias} back to where it was before its current version was promoted. */
  public AliasMove rollback(String model, String alias, String actor, String reason, Instant at) {
    ModelVersion current = registry.resolve(ModelRef.parse(model + "@" + alias));
    int previous = previousOf(model, alias, current.version())
        .orElseThrow(() -> new RegistryException(model + "@" + alias + " (v" + current.version()
            + ") has no earlier version to roll back to"));
    String why = reason == null || reason.isBlank() ? "rollback" : reason;
    return registry.move(new AliasChange(model, alias, previous, actor, why, true, false,
        OptionalInt.of(current.version()), at));
  }

  /** The version the alias left when {@code current} was last promoted to it (rollbacks don't count). */
  private Optional<Integer> previousOf(String model, String alias, int current) {
    List<AliasMove> moves = registry.history(model, Optional.of(alias), Integer.MAX_VALUE);
    return moves.stream()
        .filter(m -> m.toVersion() == current && !m.rollback() && m.fromVersion() != null)
        .map(AliasMove::fromVersion)
        .findFirst();
  }

  /**
   * The rule for versions a gate did not bless: they move on only when forced, with a reason.
   * Returns whether this move is such a forced one.
   */
  public static boolean requireBlessed(ModelVersion target, boolean force, String reason) {
    boolean forced = target.gate().rejected();
    if (forced && !force) {
      throw new UnblessedVersionException(target.ref(),
          target.gate().failures().stream().map(c -> "FAIL: " + c.text()).toList());
    }
    if (forced && (reason == null || reason.isBlank())) {
      throw new RegistryException("forcing the promotion of an unblessed version needs a reason");
    }
    return forced;
  }

  static void requireAliasName(String alias) {
    if (!ModelRef.ALIAS_NAME.matcher(alias).matches()) {
      throw new RegistryException("invalid alias '" + alias + "': use letters, digits, '_' and '-', starting with a letter");
    }
  }
}
