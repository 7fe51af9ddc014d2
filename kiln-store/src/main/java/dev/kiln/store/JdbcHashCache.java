package dev.kiln.store;

import dev.kiln.core.hash.CachedHash;
import dev.kiln.core.hash.HashCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The file hash cache in the metadata store, scoped by project root. A directory's entries
 * come back in one range query ({@code path/ ≤ p < path0}), and new hashes go in one batch.
 */
final class JdbcHashCache implements HashCache {
  private final Database db;
  private final String root;

  JdbcHashCache(Database db, String root) {
    this.db = db;
    this.root = root;
  }

  @Override
  public Map<String, CachedHash> under(String path) {
    return db.read("read the hash cache", c -> {
      String sql = path.equals(".")
          ? "SELECT path, size, mtime_ns, inode, digest FROM file_hashes WHERE root = ?"
          : "SELECT path, size, mtime_ns, inode, digest FROM file_hashes WHERE root = ? AND (path = ? OR (path >= ? AND path < ?))";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, root);
        if (!path.equals(".")) {
          ps.setString(2, path);
          ps.setString(3, path + "/");
          ps.setString(4, path + "0");
        }
        Map<String, CachedHash> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), new CachedHash(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getString(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void save(Collection<CachedHash> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.write("update the hash cache", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO file_hashes (root, path, size, mtime_ns, inode, digest) VALUES (?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
              + "inode = excluded.inode, digest = excluded.digest")) {
        for (CachedHash h : entries) {
          ps.setString(1, root);
          ps.setString(2, h.path());
          ps.setLong(3, h.size());
          ps.setLong(4, h.mtimeNanos());
          ps.setLong(5, h.inode());
          ps.setString(6, h.hex());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }
}
