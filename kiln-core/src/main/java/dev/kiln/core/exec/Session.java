package dev.kiln.core.exec;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes of one command Kiln starts. Where util-linux's {@code setsid} is installed (every
 * Linux distribution has it), the command starts as the leader of a session of its own: a
 * terminal's Ctrl-C then reaches only Kiln, which cancels the run itself, and every process the
 * command starts, double-forked ones re-parented to init included, is found by its session id in
 * {@code /proc}. Without {@code setsid} the command's process tree stands in for its session.
 * {@link #stop} sends SIGTERM to all of them, then SIGKILL to those left after the grace period.
 */
final class Session {
  private static final Optional<String> SETSID = onPath("setsid");
  private static final long POLL_MS = 20;
  private final Process leader;

  Session(Process leader) {
    this.leader = leader;
  }

  /** {@code argv}, started in a session of its own where that is possible. */
  static List<String> command(List<String> argv) {
    if (SETSID.isEmpty()) {
      return argv;
    }
    List<String> out = new ArrayList<>(argv.size() + 1);
    out.add(SETSID.get());
    out.addAll(argv);
    return out;
  }

  /** Whether commands get sessions of their own (else their process trees stand in). */
  static boolean isolated() {
    return SETSID.isPresent();
  }

  /**
   * The session id: the leader's pid. A child of the JVM is never a process-group leader, so
   * {@code setsid} makes it a session leader in place, without forking.
   */
  long id() {
    return leader.pid();
  }

  /** The live processes of this session in {@code table}, the leader included while it lives. */
  List<Long> members(ProcTable table) {
    List<Long> out = new ArrayList<>(isolated() ? table.session(id())
        : leader.descendants().map(ProcessHandle::pid).toList());
    if (leader.isAlive() && !out.contains(id())) {
      out.add(id());
    }
    return out;
  }

  List<Long> members() {
    return members(isolated() ? ProcTable.scan() : ProcTable.empty());
  }

  /** SIGTERM to every process of the session. */
  void terminate() {
    signal(members(), false);
  }

  /** SIGTERM to every process of the session; SIGKILL to those still there after {@code grace}. */
  void stop(Duration grace) {
    terminate();
    long deadline = System.nanoTime() + grace.toNanos();
    while (!members().isEmpty() && System.nanoTime() < deadline && pause()) {
      // waiting for the processes to end
    }
    for (int round = 0; round < 50; round++) {
      List<Long> left = members();
      if (left.isEmpty()) {
        return;
      }
      signal(left, true);
      pause();
    }
  }

  private static void signal(List<Long> pids, boolean kill) {
    long self = ProcessHandle.current().pid();
    for (long pid : pids) {
      if (pid != self) {
        ProcessHandle.of(pid).ifPresent(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
      }
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(POLL_MS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Optional<String> onPath(String program) {
    String path = System.getenv("PATH");
    return Stream.of((path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> new File(dir, program))
        .filter(f -> f.isFile() && f.canExecute())
        .map(File::getAbsolutePath)
        .findFirst();
  }
}
