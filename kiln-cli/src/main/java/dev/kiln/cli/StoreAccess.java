package dev.kiln.cli;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.store.MetadataStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The metadata store for commands that do not need kiln.yaml (registry, approvals): the
 * project's store if there is a project, else the one {@code --db} or {@code $KILN_DB} names.
 */
final class StoreAccess implements AutoCloseable {
  final Optional<Path> projectDir;
  final MetadataStore store;

  private StoreAccess(Optional<Path> projectDir, MetadataStore store) {
    this.projectDir = projectDir;
    this.store = store;
  }

  static StoreAccess open(KilnCommand root) {
    Optional<Path> dir;
    try {
      dir = Optional.of(Project.locate(root.projectDir));
    } catch (UsageException e) {
      dir = Optional.empty();
    }
    String explicit = root.db != null && !root.db.isBlank() ? root.db : System.getenv("KILN_DB");
    if (dir.isEmpty() && (explicit == null || explicit.isBlank())) {
      throw new UsageException("no kiln.yaml here and no --db/KILN_DB: run inside a project, or name the store");
    }
    Path base = dir.orElse(Path.of("").toAbsolutePath());
    String url = explicit != null && !explicit.isBlank() ? explicit : MetadataStore.sqliteUrl(base);
    return new StoreAccess(dir, MetadataStore.open(url, base));
  }

  /** The project's artifact store; commands that move artifacts need a project. */
  ArtifactStore artifacts() {
    return new ArtifactStore(project().resolve(".kiln").resolve("objects"));
  }

  FileHasher hasher() {
    return new FileHasher(project(), store.hashes(), Runtime.getRuntime().availableProcessors());
  }

  Path project() {
    return projectDir.orElseThrow(() -> new UsageException("this needs a project (a directory with kiln.yaml): "
        + "artifacts live in its .kiln/objects"));
  }

  @Override
  public void close() {
    store.close();
  }
}
