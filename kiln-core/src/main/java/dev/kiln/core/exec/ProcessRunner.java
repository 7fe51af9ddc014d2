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
      if (timeout == null) {
        p.waitFor();
      } else if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        s.stop(GRACE);
      }
      pump.join(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.stop(GRACE);
      cancelled = true;
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

  /** Stops every process of the running command's session. Safe to call from any thread. */
  void cancel() {
    Session running;
    synchronized (this) {
      cancelled = true;
      running = session;
    }
    if (running != null) {
      running.stop(GRACE);
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
