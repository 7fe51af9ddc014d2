package dev.kiln.core.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure no command outlives a Kiln that dies without cleaning up (kill -9, a crash, the
 * machine's OOM killer). One small watcher process per JVM, in a session of its own, reads the
 * ids of the sessions of running commands from a pipe; when the pipe closes because the JVM is
 * gone, it stops every process still in those sessions: SIGTERM to each session's process group
 * and to every process /proc lists in the session (one scan), then SIGKILL after at most 3 s. A
 * command's session is released when the command ends; at a normal JVM exit the watcher is
 * let go once nothing is guarded. Best effort: where sessions are not available or the watcher
 * cannot start, commands run unguarded.
 */
final class SessionGuard {
  /** Reads "+ID" and "-ID" lines until end of file, then stops what is left of the sessions. */
  private static final String WATCHER = """
      trap '' INT TERM HUP QUIT
      declare -A live=()
      while read -r line; do
        case $line in
          +[0-9]*) live[${line:1}]=1 ;;
          -[0-9]*) unset "live[${line:1}]" ;;
        esac
      done
      signal() {
        local found=1 f s
        local -a field
        for f in /proc/[0-9]*/stat; do
          { read -r s < "$f"; } 2>/dev/null || continue
          read -r -a field <<< "${s##*) }"
          [[ ${field[0]} != [ZX] && -n ${field[3]} && -n ${live[${field[3]}]} ]] || continue
          kill -s "$1" "${f:6:-5}" 2>/dev/null && found=0
        done
        return $found
      }
      groups() {
        local s found=1
        for s in "${!live[@]}"; do kill -s "$1" -- "-$s" 2>/dev/null && found=0; done
        return $found
      }
      (( ${#live[@]} )) || exit 0
      groups TERM; signal TERM
      for i in {1..30}; do sleep 0.1; groups 0 || break; done
      groups KILL; signal KILL
      """;
  private static final SessionGuard INSTANCE = new SessionGuard();
  /** How long JVM shutdown waits for running commands to be released (a cancel needs the 3 s grace). */
  private static final long SHUTDOWN_WAIT_MS = 20_000;
  private final Set<Long> guarded = new LinkedHashSet<>();
  private Process watcher;
  private boolean hooked;
  private boolean closing;

  private SessionGuard() {}

  static SessionGuard get() {
    return INSTANCE;
  }

  synchronized void guard(Session s) {
    guarded.add(s.id());
    send("+" + s.id());
  }

  synchronized void release(Session s) {
    guarded.remove(s.id());
    send("-" + s.id());
    notifyAll();
  }

  /** Sends one line; a watcher that is gone is replaced and told every guarded session. */
  private void send(String line) {
    if (!Session.isolated() || closing) {
      return;
    }
    try {
      if (watcher != null && watcher.isAlive()) {
        write(line);
        return;
      }
    } catch (IOException e) {
      // the watcher is gone: replaced below
    }
    if (!guarded.isEmpty()) {
      start();
    }
  }

  private void start() {
    try {
      watcher = new ProcessBuilder(Session.command(List.of("bash", "-c", WATCHER)))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!hooked) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeWhenIdle, "kiln-session-guard"));
        hooked = true;
      }
      for (long id : guarded) {
        write("+" + id);
      }
    } catch (IOException | IllegalStateException e) {
      watcher = null;
    }
  }

  /**
   * At JVM shutdown, once no command is guarded (a cancelled run releases its commands when they
   * are stopped), closes the pipe so that the watcher ends before the JVM does: HotSpot's exit
   * waits up to 300 ms for a thread blocked in native code, such as the one waiting for the
   * watcher. Commands still running after {@link #SHUTDOWN_WAIT_MS} are stopped by the watcher.
   */
  private synchronized void closeWhenIdle() {
    long until = System.currentTimeMillis() + SHUTDOWN_WAIT_MS;
    try {
      while (!guarded.isEmpty() && System.currentTimeMillis() < until) {
        wait(Math.max(1, until - System.currentTimeMillis()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closing = true;
    if (watcher != null) {
      try {
        watcher.getOutputStream().close();
        watcher.waitFor(1, TimeUnit.SECONDS);
      } catch (IOException e) {
        // already gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void write(String line) throws IOException {
    OutputStream pipe = watcher.getOutputStream();
    pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    pipe.flush();
  }
}
