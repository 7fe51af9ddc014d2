package dev.kiln.core.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The stat fields that decide whether a cached hash is still valid. */
public record FileStat(long size, long mtimeNanos, long inode) {

  /**
   * From attributes a directory walk already read, saving a second stat per file: the inode
   * comes from the Unix file key ({@code (dev=…,ino=N)}); elsewhere, stat again.
   */
  public static FileStat of(java.nio.file.attribute.BasicFileAttributes attrs, Path file) throws IOException {
    Object key = attrs.fileKey();
    if (key != null) {
      String k = key.toString();
      int at = k.indexOf("ino=");
      if (at >= 0) {
        int end = at + 4;
        while (end < k.length() && Character.isDigit(k.charAt(end))) {
          end++;
        }
        if (end > at + 4) {
          return new FileStat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
              Long.parseLong(k.substring(at + 4, end)));
        }
      }
    }
    return of(file);
  }

  public static FileStat of(Path file) throws IOException {
    Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ino");
    long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
    return new FileStat((Long) a.get("size"), mtime, (Long) a.get("ino"));
  }
}
