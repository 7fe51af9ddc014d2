package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code kiln run} processes stopped as users stop them: Ctrl-C in a terminal (SIGINT to the
 * whole foreground process group), SIGTERM, and kill -9.
 */
class CancelSignalsTest {
  /** A stage whose grandchild double-forks away from bash (re-parented to init), then waits. */
  static final String DOUBLE_FORK = "run: \"(sleep 47 & echo $! > grandchild.pid); echo $$ > leader.pid; sleep 60\"";

  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() {
    p = new TestProject(tmp);
  }

  @Test
  void ctrlCToKilnsProcessGroupRecordsTheRunAndEveryStageAsCancelledEveryTime() throws Exception {
    StringBuilder yaml = new StringBuilder("stages:\n");
    for (int i = 1; i <= 8; i++) {
      yaml.append("  s").append(i).append(": {run: \"echo $$ > s").append(i).append(".pid; sleep 60\"}\n");
    }
    p.pipeline(yaml.toString());
    for (int trial = 1; trial <= 5; trial++) {
      for (int i = 1; i <= 8; i++) {
        Files.deleteIfExists(tmp.resolve("s" + i + ".pid"));
      }
      Process kiln = startInOwnProcessGroup("run", "-j", "8");
      List<Long> leaders = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        p.awaitFile("s" + i + ".pid", 60_000);
        leaders.add(Long.parseLong(p.read("s" + i + ".pid").trim()));
      }
      signalGroup("INT", kiln.pid());
      assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String show = p.kiln("show", "--json").out();
      assertThat(kiln.exitValue()).as("trial %d:\n%s", trial, show).isEqualTo(130);
      assertThat(runStatus(show)).as("trial %d", trial).isEqualTo("cancelled");
      assertThat(stageStatuses(show)).as("trial %d:\n%s", trial, show).hasSize(8).containsOnly("cancelled");
      for (long leader : leaders) {
        assertThat(Procs.inSession(leader)).isEmpty();
      }
    }
  }

  @Test
  void sigtermRecordsTheRunCancelledExitsWith143AndStopsADoubleForkedGrandchild() throws Exception {
    p.pipeline("stages:\n  long: {" + DOUBLE_FORK + "}\n");
    Process kiln = startInOwnProcessGroup("run");
    long leader = awaitPid("leader.pid");
    long grandchild = awaitPid("grandchild.pid");
    kiln.destroy();
    assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kiln.exitValue()).isEqualTo(143);
    String show = p.kiln("show", "--json").out();
    assertThat(runStatus(show)).isEqualTo("cancelled");
    assertThat(stageStatuses(show)).containsExactly("cancelled");
    assertThat(Procs.alive(grandchild)).as("the double-forked grandchild").isFalse();
    assertThat(Procs.inSession(leader)).isEmpty();
  }

  @Test
  void killDashNineOfKilnLeavesNoStageProcessAlive() throws Exception {
    p.pipeline("stages:\n  long: {" + DOUBLE_FORK + "}\n");
    Process kiln = startInOwnProcessGroup("run");
    long leader = awaitPid("leader.pid");
    long grandchild = awaitPid("grandchild.pid");
    kiln.destroyForcibly();
    assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.currentTimeMillis() + 15_000;
    while (!Procs.inSession(leader).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Procs.inSession(leader)).as("processes of the stage's session").isEmpty();
    assertThat(Procs.alive(grandchild)).isFalse();
  }

  /**
   * Starts {@code kiln ARGS} as the leader of a new session and process group, as a shell starts
   * a foreground job, with SIGINT at its default action (a test runner started in the background
   * may have it ignored, and an ignored signal stays ignored across exec).
   */
  private Process startInOwnProcessGroup(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kiln.cli.Main", "-C", tmp.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("kiln-" + System.nanoTime() + ".out").toFile()).start();
  }

  /** What a terminal does on Ctrl-C: the signal goes to every process of the foreground group. */
  private static void signalGroup(String signal, long pgid) throws Exception {
    Process kill = new ProcessBuilder("bash", "-c", "kill -" + signal + " -- -" + pgid).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private long awaitPid(String file) throws Exception {
    p.awaitFile(file, 60_000);
    return Long.parseLong(p.read(file).trim());
  }

  private static String runStatus(String showJson) {
    Matcher m = Pattern.compile("^  \"status\" : \"(\\w+)\"", Pattern.MULTILINE).matcher(showJson);
    return m.find() ? m.group(1) : "";
  }

  private static List<String> stageStatuses(String showJson) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("^    \"status\" : \"(\\w+)\"", Pattern.MULTILINE).matcher(showJson);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Reads {@code /proc} directly: live processes (zombies excluded) and their sessions. */
  static final class Procs {
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
        for (Path proc : all.toList()) {
          String name = proc.getFileName().toString();
          if (name.matches("\\d+") && session(Long.parseLong(name)) == sid) {
            out.add(Long.parseLong(name));
          }
        }
      }
      return out;
    }
  }
}
