package dev.kiln.core.exec;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one shell command with {@code bash -c} in the project directory, in a {@link Session} of
 * its own, streaming merged output line by line. CPU time of the whole tree comes from bash's
 * {@code times} builtin in an EXIT trap (children's time is counted once they are waited for);
 * peak memory from {@link TreeSampler}. {@link #cancel()} and timeouts stop every process of the
 * session: SIGTERM, then SIGKILL after a grace period; {@link SessionGuard} stops them if the JVM
 * dies first.
 */
final class ProcessRunner {
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final long POLL_MS = 50;
  private final Path workDir;
  private final Map<String, String> env;
  private final Path timesFile;
  private volatile Session session;
  private volatile boolean cancelled;

  ProcessRunner(Path workDir, Map<String, String> env, Path timesFile) {
    this.workDir = workDir;
    this.env = env;
    this.timesFile = timesFile;
  }

  ProcessResult run(String command, Duration timeout, Consumer<String> lines) throws IOException {
    Files.deleteIfExists(timesFile);
    String script = "trap 'times > \"$KILN_TIMES_FILE\"' EXIT\n" + command;
    ProcessBuilder pb = new ProcessBuilder(Session.command(List.of("bash", "-c", script)))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    pb.environment().put("KILN_TIMES_FILE", timesFile.toString());
    long start = System.nanoTime();
    Process p;
    Session s;
    synchronized (this) {
      if (cancelled) {
        return new ProcessResult(130, Duration.ZERO, 0, 0, false, true);
      }
      p = pb.start();
      s = new Session(p);
      session = s;
    }
    SessionGuard.get().guard(s);
    AtomicLong peak = TreeSampler.get().watch(s);
    Thread pump = new Thread(() -> pump(p, lines), "kiln-out");
    pump.setDaemon(true);
    pump.start();
    boolean timedOut = false;
    try {
      timedOut = !endsInTime(p, timeout);
      if (timedOut || cancelled) {
        s.stop(GRACE);
      }
      pump.join(GRACE.toMillis());
    } catch (InterruptedException e) {
      cancelled = true;
      s.stop(GRACE);
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        session = null;
      }
      TreeSampler.get().unwatch(s);
      SessionGuard.get().release(s);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    int exit = p.isAlive() ? 137 : p.exitValue();
    return new ProcessResult(exit, wall, cpuMillis(), peak.get(), timedOut, cancelled);
  }

  /**
   * Waits until the command ends (true), its timeout passes (false), or it is cancelled (true).
   * Polls, so that a command that ignores SIGTERM is still escalated by this thread.
   */
  private boolean endsInTime(Process p, Duration timeout) throws InterruptedException {
    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
      if (cancelled) {
        return true;
      }
      if (timeout != null && System.nanoTime() - deadline >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cancels the running command: SIGTERM to every process of its session at once, and returns;
   * the thread running the command sends SIGKILL to what is left after the grace period, before
   * the command's result is returned. Safe to call from any thread.
   */
  void cancel() {
    Session running;
    synchronized (this) {
      cancelled = true;
      running = session;
    }
    if (running != null) {
      running.terminate();
    }
  }

  private static void pump(Process p, Consumer<String> lines) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), decoder))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      // the stream closes when the process is killed
    }
  }

  /** Sums the four figures bash's {@code times} prints (self and children, user and system). */
  private long cpuMillis() {
    try {
      if (!Files.isRegularFile(timesFile)) {
        return -1;
      }
      String text = Files.readString(timesFile);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(text);
      double seconds = 0;
      int found = 0;
      while (m.find()) {
        seconds += Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        found++;
      }
      return found == 4 ? Math.round(seconds * 1000) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    } finally {
      try {
        Files.deleteIfExists(timesFile);
      } catch (IOException e) {
        // leftover file is harmless
      }
    }
  }
}
