package dev.kiln.release.registry;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.hash.PathHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Registers models, for the {@code register} step and {@code kiln models register} alike:
 * stores the model's files in the artifact store, records the version (idempotently: the same
 * identity gets the existing version), and points an alias at it unless it already points there.
 */
public final class Registrar {
  private final ModelRegistry registry;
  private final ArtifactStore store;
  private final FileHasher hasher;
  private final Path projectDir;

  public Registrar(ModelRegistry registry, ArtifactStore store, FileHasher hasher, Path projectDir) {
    this.registry = registry;
    this.store = store;
    this.hasher = hasher;
    this.projectDir = projectDir;
  }

  /** Stores the model file or directory at {@code projectRelative} and returns its artifact. */
  public Output store(String projectRelative) throws IOException {
    PathHash hashed = hasher.hash(projectRelative);
    if (!hashed.exists()) {
      throw new RegistryException("model '" + projectRelative + "' does not exist");
    }
    return store.putPath(projectDir, hashed);
  }

  /** Registers {@code v} (or finds it) and moves {@code alias} to it, saying {@code why} in the history. */
  public Registration register(NewVersion v, Optional<String> alias, String why) {
    alias.ifPresent(Promoter::requireAliasName);
    Optional<ModelVersion> existing = registry.find(v.identity());
    ModelVersion version = existing.orElseGet(() -> registry.register(v));
    if (alias.isEmpty() || version.aliases().contains(alias.get())) {
      return new Registration(version, existing.isEmpty(), alias, Optional.empty());
    }
    Promotion p = Promotion.of(v.model(), version.version(), alias.get(), v.createdBy(), v.createdAt()).because(why);
    AliasMove move = new Promoter(registry).promote(p);
    return new Registration(version, existing.isEmpty(), alias, Optional.of(move));
  }
}
