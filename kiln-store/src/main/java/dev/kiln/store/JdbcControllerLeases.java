package dev.kiln.store;

import dev.kiln.release.environment.ControllerLeases;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * Controller leases over JDBC: an insert that does nothing when the row exists, then an update
 * that only succeeds for the holder or once the lease expired. Each statement is atomic on
 * SQLite and PostgreSQL alike, so two gateways never both hold a lease.
 */
final class JdbcControllerLeases implements ControllerLeases {
  private final Database db;

  JdbcControllerLeases(Database db) {
    this.db = db;
  }

  @Override
  public boolean hold(String environment, String holder, Instant now, Duration lease) {
    long until = now.plus(lease).toEpochMilli();
    return db.write("hold the controller lease of " + environment, c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO controller_leases (environment, holder, "
          + "expires_at) VALUES (?, ?, ?) ON CONFLICT (environment) DO NOTHING")) {
        insert.setString(1, environment);
        insert.setString(2, holder);
        insert.setLong(3, until);
        if (insert.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE controller_leases SET holder = ?, expires_at = ? "
          + "WHERE environment = ? AND (holder = ? OR expires_at < ?)")) {
        update.setString(1, holder);
        update.setLong(2, until);
        update.setString(3, environment);
        update.setString(4, holder);
        update.setLong(5, now.toEpochMilli());
        return update.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void release(String environment, String holder) {
    db.write("release the controller lease of " + environment, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM controller_leases WHERE environment = ? AND holder = ?")) {
        ps.setString(1, environment);
        ps.setString(2, holder);
        return ps.executeUpdate();
      }
    });
  }
}
