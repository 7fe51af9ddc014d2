package dev.kiln.core.runs;

import dev.kiln.core.history.RunHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Renews a running run's lease every interval until closed, so other hosts see it is alive. */
final class Heartbeat implements AutoCloseable {
  private final ScheduledExecutorService timer;

  Heartbeat(RunHistory history, long runId, Clock clock, Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-heartbeat");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> renew(history, runId, clock), every.toMillis(), every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void renew(RunHistory history, long runId, Clock clock) {
    try {
      history.heartbeat(runId, clock.instant());
    } catch (RuntimeException e) {
      // a busy or unreachable store: the next beat tries again; the lease allows several misses
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
