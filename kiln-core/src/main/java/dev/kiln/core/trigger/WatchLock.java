package dev.kiln.core.trigger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code .kiln/watch.lock}: one {@code kiln watch} per project, so two watchers never both find the
 * same commit and queue it twice. The holder writes its pid into the file; the operating system drops
 * the lock when the holder dies, even on {@code kill -9}.
 */
public final class WatchLock implements AutoCloseable {
  private static final String FILE = "watch.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private WatchLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or empty if another watch holds it. */
  public static Optional<WatchLock> acquire(Path kilnDir) throws IOException {
    Files.createDirectories(kilnDir);
    FileChannel ch = FileChannel.open(kilnDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      return Optional.empty();
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    return Optional.of(new WatchLock(ch, l));
  }

  /** Who holds the lock, as the holder wrote it ("pid 1234"), or "another process". */
  public static String holder(Path kilnDir) {
    try {
      String s = Files.readString(kilnDir.resolve(FILE)).trim();
      return s.isEmpty() ? "another process" : s;
    } catch (IOException e) {
      return "another process";
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
