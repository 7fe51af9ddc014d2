package dev.kiln.core.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident memory of running commands from {@code /proc} every 50 ms on one shared
 * daemon thread, keeping each command's peak: the larger of the biggest sum of VmRSS over the
 * processes of its {@link Session} and any single process's high-water mark (VmHWM). One scan of
 * {@code /proc} per sample serves every command. Processes shorter than a sample may show only
 * the shell's own footprint.
 */
final class TreeSampler {
  private static final long PERIOD_MS = 50;
  private static final TreeSampler INSTANCE = new TreeSampler();
  private final Map<Session, AtomicLong> peaks = new ConcurrentHashMap<>();
  private Thread thread;

  static TreeSampler get() {
    return INSTANCE;
  }

  synchronized AtomicLong watch(Session session) {
    AtomicLong peak = new AtomicLong();
    peaks.put(session, peak);
    sample(List.of(session.id()), peak);
    if (thread == null) {
      thread = new Thread(this::loop, "kiln-rss");
      thread.setDaemon(true);
      thread.start();
    }
    return peak;
  }

  void unwatch(Session session) {
    peaks.remove(session);
  }

  private void loop() {
    while (true) {
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (!peaks.isEmpty()) {
        ProcTable table = Session.isolated() ? ProcTable.scan() : ProcTable.empty();
        peaks.forEach((session, peak) -> sample(session.members(table), peak));
      }
    }
  }

  private static void sample(List<Long> pids, AtomicLong peak) {
    long sum = 0;
    long hwm = 0;
    for (long pid : pids) {
      long[] mem = readStatus(pid);
      sum += mem[0];
      hwm = Math.max(hwm, mem[1]);
    }
    long value = Math.max(sum, hwm);
    peak.accumulateAndGet(value, Math::max);
  }

  /** {VmRSS, VmHWM} in bytes, zeros if the process is gone. */
  private static long[] readStatus(long pid) {
    long[] out = new long[2];
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          out[0] = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          out[1] = kib(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
    return out;
  }

  private static long kib(String line) {
    String digits = line.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? 0 : Long.parseLong(digits) * 1024;
  }
}
