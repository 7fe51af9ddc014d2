package dev.kiln.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Brings a database to the current schema with Flyway, using the same migration files for
 * SQLite and PostgreSQL. Start-up stays fast: when the history table already lists every
 * migration, Flyway is not loaded at all. On SQLite, a file lock beside the database keeps two
 * first-time processes from migrating at once (PostgreSQL uses Flyway's own advisory lock).
 */
public final class Migrations {
  /** Every migration version shipped, in order; a test checks it against the resources. */
  static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8");

  private Migrations() {}

  public static void ensure(Database db) {
    if (upToDate(db)) {
      return;
    }
    if (db.dialect() == Dialect.SQLITE) {
      Path file = Path.of(db.url().substring("jdbc:sqlite:".length()));
      Path lockFile = file.resolveSibling(file.getFileName() + ".migrate.lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        if (!upToDate(db)) {
          migrate(db);
        }
      } catch (IOException e) {
        throw new StoreException("cannot lock " + lockFile + " for migration: " + e.getMessage(), e);
      }
    } else {
      migrate(db);
    }
  }

  static boolean upToDate(Database db) {
    try (Statement s = db.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = "
            + (db.dialect() == Dialect.SQLITE ? "1" : "true") + " AND version IS NOT NULL")) {
      return rs.next() && rs.getInt(1) == VERSIONS.size();
    } catch (SQLException e) {
      return false;
    }
  }

  private static void migrate(Database db) {
    try {
      Flyway.configure()
          .dataSource(new SingleConnectionDataSource(db.connection()))
          .locations("classpath:db/migration")
          .placeholders(Map.of("id_pk", db.dialect().identityPrimaryKey()))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate the metadata store: " + e.getMessage(), e);
    }
  }
}
