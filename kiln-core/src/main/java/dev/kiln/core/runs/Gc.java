package dev.kiln.core.runs;

import dev.kiln.core.artifact.ArtifactReferences;
import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.LiveObjects;
import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Deletes the objects that no record references (see {@link LiveObjects}). */
public final class Gc {
  private final ArtifactStore store;
  private final List<ArtifactReferences> holders;

  Gc(ArtifactStore store, List<ArtifactReferences> holders) {
    this.store = store;
    this.holders = holders;
  }

  /** What gc deleted (or would delete), with the bytes freed, and how many objects it kept. */
  public record Result(List<Digest> deleted, long bytes, int kept) {
    public Result {
      deleted = List.copyOf(deleted);
    }
  }

  Result collect(boolean dryRun) throws IOException {
    Set<Digest> live = LiveObjects.digests(store, holders);
    List<Digest> deleted = new ArrayList<>();
    long bytes = 0;
    for (Digest d : store.list()) {
      if (!live.contains(d)) {
        deleted.add(d);
        bytes += store.size(d);
        if (!dryRun) {
          store.delete(d);
        }
      }
    }
    return new Result(deleted, bytes, live.size());
  }
}
