package dev.kiln.core.hash;

/**
 * A remembered file hash, valid while the file's size, modification time (ns) and inode are
 * unchanged. The path is project-relative.
 */
public record CachedHash(String path, long size, long mtimeNanos, long inode, String hex) {

  public boolean matches(FileStat stat) {
    return size == stat.size() && mtimeNanos == stat.mtimeNanos() && inode == stat.inode();
  }
}
