package dev.kiln.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real databases for store tests: a SQLite file in a temporary directory, and a fresh schema on
 * the local PostgreSQL server ({@code $KILN_TEST_POSTGRES}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}). If the server is down, it is
 * started with {@code pg_ctlcluster}; if it cannot be reached, the test fails and says how to
 * start it.
 */
public final class TestDatabases {
  public static final String POSTGRES = System.getenv().getOrDefault("KILN_TEST_POSTGRES",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private TestDatabases() {}

  public static String sqlite(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("kiln.db");
  }

  /** A URL whose default schema is new and empty. */
  public static String freshPostgresSchema() {
    String schema = "kiln_test_" + Long.toHexString(System.nanoTime()) + Long.toHexString(Thread.currentThread().getId());
    try (Connection c = connect()) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a schema on " + POSTGRES + ": " + e.getMessage(), e);
    }
    return POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static Connection connect() throws SQLException {
    try {
      return DriverManager.getConnection(POSTGRES);
    } catch (SQLException first) {
      startLocalServer();
      try {
        return DriverManager.getConnection(POSTGRES);
      } catch (SQLException second) {
        throw new IllegalStateException("PostgreSQL is not reachable at " + POSTGRES + " (" + second.getMessage()
            + "). Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start, or .ci/run does it) or point "
            + "KILN_TEST_POSTGRES at a server.", second);
      }
    }
  }

  private static void startLocalServer() {
    try {
      Path conf = Path.of("/etc/postgresql");
      if (!Files.isDirectory(conf)) {
        return;
      }
      List<Path> versions;
      try (var s = Files.list(conf)) {
        versions = s.toList();
      }
      for (Path v : versions) {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", v.getFileName().toString(), "main",
            "start").inheritIO().start();
        p.waitFor(60, TimeUnit.SECONDS);
      }
      Thread.sleep(1000);
    } catch (IOException e) {
      // not installed here: the caller reports the connection error
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
