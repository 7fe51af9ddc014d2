package dev.kiln.core.history;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a run: its host, process id and process start time. Together they name
 * one process for good (a pid alone is reused), so recovery can tell a run whose owner is gone
 * from one that another checkout, CI runner or server sharing the store is still running.
 */
public record RunOwner(String host, long pid, Instant processStart) {

  /** This JVM. */
  public static RunOwner current(String host) {
    ProcessHandle self = ProcessHandle.current();
    Instant start = self.info().startInstant().orElse(Instant.EPOCH);
    return new RunOwner(host, self.pid(), start);
  }

  /** "pid 4242 on build-7". */
  public String describe() {
    return "pid " + pid + " on " + host;
  }

  /** The owner of a record, if it was recorded (runs made before owners were recorded have none). */
  public static Optional<RunOwner> of(String host, Long pid, Long startMillis) {
    if (host == null || pid == null || startMillis == null) {
      return Optional.empty();
    }
    return Optional.of(new RunOwner(host, pid, Instant.ofEpochMilli(startMillis)));
  }
}
