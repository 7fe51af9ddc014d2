package dev.kiln.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands under {@link ProcessRunner}: sessions, cancel and timeouts stop every process. */
class ProcessRunnerTest {
  /** Starts a grandchild that double-forks away from bash (re-parented to init), then waits. */
  static final String DOUBLE_FORK = "(sleep 47 & echo $! > grandchild.pid); echo $$ > leader.pid; sleep 60";

  @TempDir
  Path dir;

  @Test
  void cancelStopsEveryProcessOfTheCommandsSessionIncludingADoubleForkedGrandchild() throws Exception {
    ProcessRunner runner = runner();
    CompletableFuture<ProcessResult> result = start(runner, DOUBLE_FORK, null);
    long leader = awaitPid("leader.pid");
    long grandchild = awaitPid("grandchild.pid");
    assertThat(Procs.session(grandchild)).as("the grandchild is in the command's session").isEqualTo(leader);
    runner.cancel();
    assertThat(result.get(20, TimeUnit.SECONDS).cancelled()).isTrue();
    assertThat(Procs.inSession(leader)).as("processes left in the session").isEmpty();
    assertThat(Procs.alive(grandchild)).isFalse();
  }

  @Test
  void aTimeoutStopsTheDoubleForkedGrandchildToo() throws Exception {
    CompletableFuture<ProcessResult> result = start(runner(), DOUBLE_FORK, Duration.ofSeconds(2));
    long leader = awaitPid("leader.pid");
    long grandchild = awaitPid("grandchild.pid");
    ProcessResult r = result.get(20, TimeUnit.SECONDS);
    assertThat(r.timedOut()).isTrue();
    assertThat(Procs.inSession(leader)).as("processes left in the session").isEmpty();
    assertThat(Procs.alive(grandchild)).isFalse();
  }

  @Test
  void processesThatIgnoreSigtermAreKilledAfterTheGracePeriod() throws Exception {
    ProcessRunner runner = runner();
    CompletableFuture<ProcessResult> result = start(runner,
        "trap '' TERM; (trap '' TERM; sleep 47 & echo $! > grandchild.pid); echo $$ > leader.pid; sleep 60", null);
    long leader = awaitPid("leader.pid");
    long grandchild = awaitPid("grandchild.pid");
    long t0 = System.nanoTime();
    runner.cancel();
    assertThat(result.get(20, TimeUnit.SECONDS).cancelled()).isTrue();
    long stoppedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(Procs.inSession(leader)).isEmpty();
    assertThat(Procs.alive(grandchild)).isFalse();
    assertThat(stoppedMs).as("SIGKILL follows SIGTERM after the 3 s grace period").isBetween(2_900L, 8_000L);
  }

  @Test
  void cancellingSeveralCommandsStopsThemTogetherNotOneGracePeriodAfterAnother() throws Exception {
    List<ProcessRunner> runners = new ArrayList<>();
    List<CompletableFuture<ProcessResult>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Files.createDirectories(dir.resolve("c" + i));
      ProcessRunner r = new ProcessRunner(dir.resolve("c" + i), Map.of(), dir.resolve(".times" + i));
      runners.add(r);
      results.add(start(r, "trap '' TERM; echo $$ > leader.pid; sleep 60", null));
    }
    for (int i = 0; i < 4; i++) {
      awaitPid("c" + i + "/leader.pid");
    }
    long t0 = System.nanoTime();
    runners.forEach(ProcessRunner::cancel);
    for (CompletableFuture<ProcessResult> r : results) {
      assertThat(r.get(30, TimeUnit.SECONDS).cancelled()).isTrue();
    }
    assertThat((System.nanoTime() - t0) / 1_000_000).as("all four stopped in ms").isLessThan(8_000);
  }

  @Test
  void aCommandRunsInASessionOfItsOwnAwayFromKilnsTerminal() throws Exception {
    ProcessResult r = runner().run("echo $$ > leader.pid; cat /proc/$$/stat > leader.stat", null, line -> { });
    assertThat(r.ok()).isTrue();
    long leader = Long.parseLong(Files.readString(dir.resolve("leader.pid")).trim());
    String stat = Files.readString(dir.resolve("leader.stat"));
    long session = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    assertThat(session).as("the command leads a session of its own").isEqualTo(leader)
        .isNotEqualTo(Procs.session(ProcessHandle.current().pid()));
  }

  @Test
  void cpuTimeAndPeakMemoryAreStillMeasured() throws Exception {
    ProcessResult r = runner().run("head -c 30000000 /dev/zero | tail -c 1 > /dev/null; sleep 0.3", null, line -> { });
    assertThat(r.ok()).isTrue();
    assertThat(r.cpuMillis()).isGreaterThanOrEqualTo(0);
    assertThat(r.peakRssBytes()).isGreaterThan(1_000_000);
  }

  private ProcessRunner runner() {
    return new ProcessRunner(dir, Map.of(), dir.resolve(".times"));
  }

  /** Runs the command on a thread of its own, as the executor runs each stage. */
  private CompletableFuture<ProcessResult> start(ProcessRunner runner, String command, Duration timeout) {
    CompletableFuture<ProcessResult> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(runner.run(command, timeout, line -> { }));
      } catch (IOException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    }, "test-stage");
    t.setDaemon(true);
    t.start();
    return result;
  }

  private long awaitPid(String file) throws Exception {
    Path p = dir.resolve(file);
    long deadline = System.currentTimeMillis() + 20_000;
    while (!Files.exists(p) || !Files.readString(p).endsWith("\n")) {
      assertThat(System.currentTimeMillis()).as("waiting for " + file).isLessThan(deadline);
      Thread.sleep(20);
    }
    return Long.parseLong(Files.readString(p).trim());
  }

  /** Reads {@code /proc} directly, independently of the code under test. */
  static final class Procs {
    /** The session id of a live process, or -1 if it is gone or a zombie. */
    static long session(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return f[0].equals("Z") || f[0].equals("X") ? -1 : Long.parseLong(f[3]);
      } catch (IOException e) {
        return -1;
      }
    }

    static boolean alive(long pid) {
      return session(pid) != -1;
    }

    static List<Long> inSession(long sid) throws IOException {
      List<Long> out = new ArrayList<>();
      try (Stream<Path> all = Files.list(Path.of("/proc"))) {
        for (Path p : all.toList()) {
          String name = p.getFileName().toString();
          if (name.matches("\\d+") && session(Long.parseLong(name)) == sid) {
            out.add(Long.parseLong(name));
          }
        }
      }
      return out;
    }
  }
}
