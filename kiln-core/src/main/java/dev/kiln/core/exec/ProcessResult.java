package dev.kiln.core.exec;

import java.time.Duration;

/**
 * How a command ended: exit code (128 + signal when killed), wall and CPU time of the whole
 * process tree (CPU is -1 when unknown), peak resident memory sampled over the tree, and
 * whether it timed out or was cancelled.
 */
public record ProcessResult(int exitCode, Duration wall, long cpuMillis, long peakRssBytes, boolean timedOut,
    boolean cancelled) {

  public boolean ok() {
    return exitCode == 0 && !timedOut && !cancelled;
  }
}
