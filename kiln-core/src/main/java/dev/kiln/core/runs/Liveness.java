package dev.kiln.core.runs;

import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a run recorded as running still has a live owner. On the owner's own host that is
 * exact: the process with the recorded pid must be alive and have started when the owner did
 * (pids are reused). From another host only the lease tells: the owner renews a heartbeat while
 * it runs, and a run whose heartbeat is older than the lease is taken as abandoned. A pure rule:
 * the clock's reading and the process table are passed in.
 */
public final class Liveness {
  /** How far two readings of one process's start time may differ (the kernel counts in ticks). */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);
  private final String host;
  private final ProcessTable processes;
  private final Duration lease;

  public Liveness(String host, ProcessTable processes, Duration lease) {
    this.host = host;
    this.processes = processes;
    this.lease = lease;
  }

  /** Why {@code run}'s owner is gone, or empty while it may still be running. */
  public Optional<String> abandoned(RunRecord run, Instant now) {
    if (run.owner().isEmpty()) {
      return Optional.of("its process stopped before the run finished (recorded before Kiln kept run owners)");
    }
    RunOwner owner = run.owner().get();
    if (owner.host().equals(host)) {
      Optional<Instant> started = processes.startOf(owner.pid());
      boolean same = started.isPresent()
          && Duration.between(started.get(), owner.processStart()).abs().compareTo(START_TOLERANCE) <= 0;
      return same ? Optional.empty() : Optional.of("its process (" + owner.describe() + ") is gone");
    }
    Instant last = run.heartbeat().orElse(run.startedAt());
    Duration silent = Duration.between(last, now);
    if (silent.compareTo(lease) <= 0) {
      return Optional.empty();
    }
    return Optional.of("its process (" + owner.describe() + ") has not renewed its lease for "
        + dev.kiln.core.config.Durations.format(silent) + " (lease " + dev.kiln.core.config.Durations.format(lease) + ")");
  }
}
