package dev.kiln.release.registry;

import dev.kiln.core.hash.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The registry's port: models → immutable versions with lineage → aliases with an append-only
 * history. The metadata store implements it (SQLite or PostgreSQL) and holds no rules beyond
 * atomicity: version numbers are assigned atomically, so concurrent registrations get distinct,
 * consecutive numbers; registering an identity that exists returns that version; alias moves
 * are compare-and-set, so a concurrent move is never lost (the loser gets an
 * {@link AliasConflictException}). Which moves are allowed is {@link Promoter}'s business.
 */
public interface ModelRegistry extends dev.kiln.core.artifact.ArtifactReferences {

  /** Records a new version, or returns the existing one with the same {@link NewVersion#identity()}. */
  ModelVersion register(NewVersion version);

  /** The version with this identity, if one was registered. */
  Optional<ModelVersion> find(VersionIdentity identity);

  /** The version a reference names; unknown models, versions or aliases name what exists. */
  ModelVersion resolve(ModelRef ref);

  Optional<ModelVersion> find(String model, int version);

  List<RegisteredModel> models();

  /** Versions of a model, newest first. */
  List<ModelVersion> versions(String model, int limit);

  /**
   * Records an alias move and appends it to the history, in one transaction. When
   * {@code change.expected()} is given, the alias must point there now (compare-and-set across
   * processes); a move that races another fails with {@link AliasConflictException}.
   */
  AliasMove move(AliasChange change);

  /** Alias moves, newest first; all aliases when {@code alias} is empty. */
  List<AliasMove> history(String model, Optional<String> alias, int limit);

  void tag(String model, int version, String key, String value);

  void describe(String model, OptionalInt version, String description);

  /** Versions whose lineage lists this data digest, newest first. */
  List<ModelVersion> trainedOn(Digest data);

  /** The artifact of every registered version, with its kind: what gc must keep. */
  @Override
  Map<Digest, dev.kiln.core.artifact.Output.Kind> referencedObjects();

  /** Every version of every model (for search), newest first. */
  List<ModelVersion> allVersions(int limit);
}
