package dev.kiln.core.runs;

import java.time.Instant;
import java.util.Optional;

/** The processes of this host: when a live process started, by pid. */
public interface ProcessTable {

  /** The start time of the live process {@code pid}, or empty if there is none. */
  Optional<Instant> startOf(long pid);

  /** The operating system's table, through {@link ProcessHandle}. */
  ProcessTable SYSTEM = pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
      .map(h -> h.info().startInstant().orElse(Instant.EPOCH));
}
