package dev.kiln.core.hash;

import java.util.Collection;
import java.util.Map;

/**
 * Persistent memory of file hashes keyed by project-relative path (the metadata store implements
 * it). Lookups come in bulk by path prefix so that a directory of 10,000 files costs one query.
 */
public interface HashCache {

  /** Entries for {@code path} itself and every path below it ({@code path/…}). */
  Map<String, CachedHash> under(String path);

  void save(Collection<CachedHash> entries);

  /** A cache that remembers nothing (every file is read). */
  HashCache NONE = new HashCache() {
    @Override
    public Map<String, CachedHash> under(String path) {
      return Map.of();
    }

    @Override
    public void save(Collection<CachedHash> entries) {}
  };
}
