package dev.kiln.core.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The project's run lock, {@code .kiln/run.lock}: one {@code kiln run} (or gc) at a time per
 * project. The holder writes its pid into the file so the next one can say who has it. The
 * operating system drops the lock when the holder dies, even on {@code kill -9}.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, waiting up to {@code wait} (zero: not at all); empty if another holds it. */
  public static Optional<RunLock> acquire(Path kilnDir, Duration wait, Runnable onWait) throws IOException {
    Files.createDirectories(kilnDir);
    Path file = kilnDir.resolve("run.lock");
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (true) {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l = null;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l != null) {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return Optional.of(new RunLock(ch, l));
      }
      ch.close();
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      if (!told) {
        onWait.run();
        told = true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /** Who holds the lock, as the holder wrote it ("pid 1234"), or "another process". */
  public static String holder(Path kilnDir) {
    try {
      String s = Files.readString(kilnDir.resolve("run.lock")).trim();
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
