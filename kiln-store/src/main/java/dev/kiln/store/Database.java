package dev.kiln.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One JDBC connection to SQLite or PostgreSQL, shared by the store's parts and used by one
 * thread at a time. SQLite runs in WAL mode with a busy timeout, so readers never block the
 * writer and two processes wait for each other instead of failing.
 */
public final class Database implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MS = 30_000;
  private final String url;
  private final Dialect dialect;
  private final Connection connection;

  private Database(String url, Dialect dialect, Connection connection) {
    this.url = url;
    this.dialect = dialect;
    this.connection = connection;
  }

  public static Database open(String url) {
    Dialect dialect = Dialect.of(url);
    try {
      if (dialect == Dialect.SQLITE) {
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
      }
      Connection c = connect(url, dialect);
      if (dialect == Dialect.SQLITE) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("PRAGMA foreign_keys=ON");
          s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        }
      }
      return new Database(url, dialect, c);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the metadata store at " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  /** Connects through the driver directly: DriverManager would first load every JDBC driver on the class path. */
  private static Connection connect(String url, Dialect dialect) throws SQLException {
    Driver driver = dialect == Dialect.SQLITE ? new org.sqlite.JDBC() : new org.postgresql.Driver();
    Connection c = driver.connect(url, properties(dialect));
    if (c == null) {
      throw new SQLException("the driver does not accept " + redact(url));
    }
    return c;
  }

  private static Properties properties(Dialect dialect) {
    Properties p = new Properties();
    if (dialect == Dialect.SQLITE) {
      p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    }
    return p;
  }

  public Dialect dialect() {
    return dialect;
  }

  public String url() {
    return url;
  }

  /** Runs work with auto-commit. */
  public synchronized <T> T read(String what, SqlWork<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs work in one transaction, committed at the end and rolled back on failure. On SQLite the
   * transaction takes the write lock up front ({@code BEGIN IMMEDIATE}), so concurrent writers
   * queue on the busy timeout instead of failing at commit.
   */
  public synchronized <T> T write(String what, SqlWork<T> work) {
    try {
      if (dialect == Dialect.SQLITE) {
        try (Statement s = connection.createStatement()) {
          s.execute("BEGIN IMMEDIATE");
        }
        try {
          T result = work.run(connection);
          try (Statement s = connection.createStatement()) {
            s.execute("COMMIT");
          }
          return result;
        } catch (SQLException | RuntimeException e) {
          try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
          }
          throw e;
        }
      }
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a broken connection loses nothing
    }
  }

  /** The URL without a password, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
