package dev.kiln.data.read;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBPreparedStatement;

/**
 * On a terminal, one line that shows how far a long scan has got: DuckDB's own estimate of a
 * query's progress, polled while the query runs, and erased when it ends. Off unless a command
 * turns it on ({@link #showOn}); silent for scans shorter than a second.
 */
public final class ScanProgress {
  private static volatile Settings settings;

  private record Settings(PrintStream terminal, long quietMillis, long everyMillis) {}

  private ScanProgress() {}

  /** Shows progress on {@code terminal} from now on (commands call this when stderr is a terminal). */
  public static void showOn(PrintStream terminal) {
    showOn(terminal, 1000, 250);
  }

  static void showOn(PrintStream terminal, long quietMillis, long everyMillis) {
    settings = new Settings(terminal, quietMillis, everyMillis);
  }

  /** Stops showing progress. */
  public static void off() {
    settings = null;
  }

  static boolean on() {
    return settings != null;
  }

  /** Runs {@code sql} on {@code statement}, showing its progress as "scanning {@code what}: N%". */
  static ResultSet executeQuery(Statement statement, String sql, String what) throws SQLException {
    Settings s = settings;
    if (s == null || !statement.isWrapperFor(DuckDBPreparedStatement.class)) {
      return statement.executeQuery(sql);
    }
    DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-scan-progress");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean shown = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
    String name = what.substring(what.lastIndexOf('/') + 1);
    timer.scheduleAtFixedRate(() -> {
      try {
        int percent = (int) Math.min(99, duck.getQueryProgress().getPercentage());
        if (percent >= 0 && last.getAndSet(percent) != percent) {
          s.terminal().print("\rscanning " + name + ": " + percent + "%\u001b[K");
          s.terminal().flush();
          shown.set(true);
        }
      } catch (SQLException | RuntimeException e) {
        // progress is a courtesy: a failed poll shows nothing
      }
    }, s.quietMillis(), s.everyMillis(), TimeUnit.MILLISECONDS);
    try {
      return statement.executeQuery(sql);
    } finally {
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (shown.get()) {
        s.terminal().print("\r\u001b[K");
        s.terminal().flush();
      }
    }
  }
}
