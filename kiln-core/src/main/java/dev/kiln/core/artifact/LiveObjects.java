package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.PathHash;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects records still need: every referenced root, and for directories every file their
 * manifest lists. Manifests are read, never the files themselves.
 */
public final class LiveObjects {
  private LiveObjects() {}

  /** Each live object, mapped to the root that needs it (itself, for roots). */
  public static Map<Digest, Digest> of(ArtifactStore store, List<ArtifactReferences> holders) throws IOException {
    Map<Digest, Output.Kind> roots = new TreeMap<>();
    for (ArtifactReferences h : holders) {
      roots.putAll(h.referencedObjects());
    }
    Map<Digest, Digest> live = new TreeMap<>();
    for (Map.Entry<Digest, Output.Kind> r : roots.entrySet()) {
      live.put(r.getKey(), r.getKey());
      if (r.getValue() == Output.Kind.DIRECTORY && store.intact(r.getKey())) {
        for (PathHash.Entry e : store.manifest(r.getKey())) {
          live.putIfAbsent(e.digest(), r.getKey());
        }
      }
    }
    return live;
  }

  public static Set<Digest> digests(ArtifactStore store, List<ArtifactReferences> holders) throws IOException {
    return new TreeSet<>(of(store, holders).keySet());
  }
}
