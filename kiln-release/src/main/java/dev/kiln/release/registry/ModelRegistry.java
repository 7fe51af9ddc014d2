package dev.kiln.release.registry;

import dev.kiln.core.hash.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Models → immutable versions with lineage → aliases with an append-only history. The metadata
 * store implements it (SQLite or PostgreSQL). Version numbers are assigned atomically, so
 * concurrent registrations get distinct, consecutive numbers; alias moves are compare-and-set,
 * so a concurrent move is never lost: the loser gets an {@link AliasConflictException}.
 */
public interface ModelRegistry {

  ModelVersion register(NewVersion version);

  /** The version a reference names; unknown models, versions or aliases name what exists. */
  ModelVersion resolve(ModelRef ref);

  Optional<ModelVersion> find(String model, int version);

  List<RegisteredModel> models();

  /** Versions of a model, newest first. */
  List<ModelVersion> versions(String model, int limit);

  /**
   * Points {@code alias} at {@code version}. Refused when the version's gate failed, unless
   * {@code force} with a reason. When {@code expected} is given, the alias must currently point
   * there (compare-and-set across processes).
   */
  AliasMove promote(String model, int version, String alias, String who, String reason, boolean force,
      OptionalInt expected, Instant at);

  /** Moves an alias back to the version it pointed to before its current version was promoted. */
  AliasMove rollback(String model, String alias, String who, String reason, Instant at);

  /** Alias moves, newest first; all aliases when {@code alias} is empty. */
  List<AliasMove> history(String model, Optional<String> alias, int limit);

  void tag(String model, int version, String key, String value);

  void describe(String model, OptionalInt version, String description);

  /** Versions whose lineage lists this data digest, newest first. */
  List<ModelVersion> trainedOn(Digest data);

  /** The artifact of every registered version, with its kind: what gc must keep. */
  Map<Digest, dev.kiln.core.artifact.Output.Kind> referencedArtifacts();

  /** Every version of every model (for search), newest first. */
  List<ModelVersion> allVersions(int limit);
}
