package dev.kiln.data.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;

/**
 * Runs the queries of a split scan a few at a time, each worker on its own connection to the same
 * DuckDB database. DuckDB parallelises a query over row groups of 122,880 rows, so the query of a
 * few columns of a short, wide table runs on one thread; running {@link #parallelism} of them at
 * once uses the cores. The first failure (in group order) is rethrown once every worker stopped.
 */
final class GroupedScan {
  /** One group's work on a worker's connection. */
  interface Work {
    void run(Connection connection, List<Integer> group);
  }

  private GroupedScan() {}

  /** Queries at once: the cores (at most the DuckDB threads setting), never more than the groups. */
  static int parallelism(int groups) {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(groups, Math.min(cores, EngineSettings.threads())));
  }

  static void run(DataSource data, List<List<Integer>> groups, Work work) {
    int workers = parallelism(groups.size());
    RuntimeException[] failures = new RuntimeException[groups.size()];
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Connection c = duplicate(data);
      Thread t = new Thread(null, () -> drain(c, groups, work, next, failures), "kiln-scan-" + w, 8L << 20);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      joinUninterruptibly(t);
    }
    for (RuntimeException f : failures) {
      if (f != null) {
        throw f;
      }
    }
  }

  private static void drain(Connection c, List<List<Integer>> groups, Work work, AtomicInteger next,
      RuntimeException[] failures) {
    try (c) {
      for (int i = next.getAndIncrement(); i < groups.size(); i = next.getAndIncrement()) {
        try {
          work.run(c, groups.get(i));
        } catch (RuntimeException e) {
          failures[i] = e;
          next.set(groups.size());
        }
      }
    } catch (SQLException e) {
      // closing a duplicate loses nothing
    }
  }

  private static Connection duplicate(DataSource data) {
    try {
      return data.connection().unwrap(DuckDBConnection.class).duplicate();
    } catch (SQLException e) {
      throw DataErrors.translate(data.location(), e);
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
