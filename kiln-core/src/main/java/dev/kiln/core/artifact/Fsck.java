package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the artifact store against the records that reference it: every object's content
 * against its digest, and every referenced object (and each file of a referenced directory) for
 * presence. Repair deletes corrupted objects and writes back, from workspace files whose content
 * has the same digest, every damaged or missing object it can.
 */
public final class Fsck {
  private final ArtifactStore store;
  private final List<ArtifactReferences> holders;

  public Fsck(ArtifactStore store, List<ArtifactReferences> holders) {
    this.store = store;
    this.holders = List.copyOf(holders);
  }

  /** One damaged object: corrupted (its content no longer hashes to its name) or missing, and who needs it. */
  public record Damage(Digest object, boolean corrupt, List<String> neededBy) {
    public Damage {
      neededBy = List.copyOf(neededBy);
    }

    public String describe() {
      return object + " is " + (corrupt ? "corrupted" : "missing")
          + (neededBy.isEmpty() ? " (no record needs it)" : "; needed by " + String.join(", ", neededBy));
    }
  }

  /** What fsck found: objects checked, damage, and what repair did. */
  public record Report(int objects, List<Damage> damage, List<String> repaired) {
    public Report {
      damage = List.copyOf(damage);
      repaired = List.copyOf(repaired);
    }

    public boolean clean() {
      return damage.isEmpty();
    }
  }

  public Report check() throws IOException {
    Map<Digest, Digest> live = LiveObjects.of(store, holders);
    List<Damage> damage = new ArrayList<>();
    List<Digest> all = store.list();
    for (Digest d : all) {
      if (!store.intact(d)) {
        damage.add(new Damage(d, true, neededBy(live.get(d))));
      }
    }
    for (Map.Entry<Digest, Digest> e : live.entrySet()) {
      if (!store.contains(e.getKey())) {
        damage.add(new Damage(e.getKey(), false, neededBy(e.getValue())));
      }
    }
    return new Report(all.size(), damage, List.of());
  }

  /**
   * Deletes corrupted objects and restores damaged ones from {@code candidates} (workspace files
   * thought to hold that content: each is hashed again before it is used).
   */
  public Report repair(Report found, Map<Digest, Path> candidates) throws IOException {
    List<String> repaired = new ArrayList<>();
    List<Damage> left = new ArrayList<>();
    for (Damage d : found.damage()) {
      if (d.corrupt()) {
        store.delete(d.object());
      }
      Optional<Path> source = Optional.ofNullable(candidates.get(d.object())).filter(Files::isRegularFile);
      if (source.isPresent() && store.put(source.get()).equals(d.object())) {
        repaired.add(d.object() + " rewritten from " + source.get());
      } else {
        left.add(d.corrupt() ? new Damage(d.object(), false, d.neededBy()) : d);
        if (d.corrupt()) {
          repaired.add(d.object() + " deleted (corrupted; no intact copy in the workspace)");
        }
      }
    }
    return new Report(found.objects(), left, repaired);
  }

  private List<String> neededBy(Digest root) {
    List<String> out = new ArrayList<>();
    if (root != null) {
      for (ArtifactReferences h : holders) {
        out.addAll(h.holdersOf(root, 5));
      }
    }
    return out;
  }
}
