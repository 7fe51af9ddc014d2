package dev.kiln.core.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The stat fields that decide whether a cached hash is still valid. */
public record FileStat(long size, long mtimeNanos, long inode) {

  public static FileStat of(Path file) throws IOException {
    Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ino");
    long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
    return new FileStat((Long) a.get("size"), mtime, (Long) a.get("ino"));
  }
}
