package dev.kiln.store;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.DeploymentChange;
import dev.kiln.release.environment.EnvironmentConflictException;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.rollout.RolloutEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Environments over JDBC. A change is one transaction: compare-and-set on the revision, the
 * registry alias named like the environment moved to the stable version (when it moves), and
 * one history row per event. Rules (which changes are allowed) live in the domain, not here.
 */
final class JdbcEnvironments implements Environments {
  private static final String COLUMNS = "name, model, stable, rollout_json, revision, updated_at, updated_by";
  private final Database db;
  private final JdbcRegistry registry;

  JdbcEnvironments(Database db, JdbcRegistry registry) {
    this.db = db;
    this.registry = registry;
  }

  @Override
  public Optional<Deployment> find(String environment) {
    return db.read("read environment " + environment, c -> find(c, environment));
  }

  @Override
  public List<Deployment> all() {
    return db.read("list environments", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM environments ORDER BY name")) {
        return deployments(ps);
      }
    });
  }

  @Override
  public Deployment apply(DeploymentChange ch) {
    return db.write("change environment " + ch.environment(), c -> {
      ModelVersion target = registry.requireVersion(c, ch.model(), ch.stable());
      Optional<Deployment> now = find(c, ch.environment());
      requireRevision(ch, now);
      long revision = now.map(d -> d.revision() + 1).orElse(1L);
      upsert(c, ch, revision, now.isPresent());
      Integer from = now.map(Deployment::stable).orElse(null);
      if (!target.aliases().contains(ch.environment())) {
        JdbcRegistry.move(c, ch.model(), ch.environment(), ch.stable(), ch.actor(),
            "environment " + ch.environment() + (ch.reason().isEmpty() ? "" : ": " + ch.reason()), false, false,
            OptionalInt.empty(), ch.at());
      }
      for (RolloutEvent e : ch.events()) {
        history(c, ch, from, e);
      }
      return find(c, ch.environment()).orElseThrow();
    });
  }

  private static void requireRevision(DeploymentChange ch, Optional<Deployment> now) {
    if (ch.expectedRevision().isEmpty()) {
      return;
    }
    long expected = ch.expectedRevision().getAsLong();
    long actual = now.map(Deployment::revision).orElse(0L);
    if (expected != actual) {
      throw new EnvironmentConflictException("environment '" + ch.environment() + "' changed meanwhile (revision "
          + actual + ", expected " + expected + "); nothing was applied: look at 'kiln environments history "
          + ch.environment() + "' and try again");
    }
  }

  private static void upsert(Connection c, DeploymentChange ch, long revision, boolean exists) throws SQLException {
    String sql = exists
        ? "UPDATE environments SET model = ?, stable = ?, rollout_json = ?, revision = ?, updated_at = ?, updated_by = ? "
            + "WHERE name = ?"
        : "INSERT INTO environments (model, stable, rollout_json, revision, updated_at, updated_by, name) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ch.model());
      ps.setInt(2, ch.stable());
      ps.setString(3, ch.rollout().map(RolloutJson::write).orElse(null));
      ps.setLong(4, revision);
      ps.setLong(5, ch.at().toEpochMilli());
      ps.setString(6, ch.actor());
      ps.setString(7, ch.environment());
      ps.executeUpdate();
    }
  }

  private static void history(Connection c, DeploymentChange ch, Integer from, RolloutEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO environment_history (environment, at, actor, run_id, "
        + "from_version, to_version, text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, ch.environment());
      ps.setLong(2, e.at().toEpochMilli());
      ps.setString(3, ch.actor());
      Sql.setNullableLong(ps, 4, ch.runId().orElse(null));
      Sql.setNullableInt(ps, 5, from);
      ps.setInt(6, ch.stable());
      ps.setString(7, e.text());
      ps.executeUpdate();
    }
  }

  @Override
  public List<EnvironmentEvent> history(String environment, int limit) {
    return db.read("read the history of environment " + environment, c -> {
      List<EnvironmentEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, environment, at, actor, run_id, from_version, "
          + "to_version, text FROM environment_history WHERE environment = ? ORDER BY id DESC LIMIT ?")) {
        ps.setString(1, environment);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new EnvironmentEvent(rs.getLong(1), rs.getString(2), Sql.instant(rs, "at"), rs.getString(4),
                Sql.nullableLong(rs, "run_id"), Sql.nullableInt(rs, "from_version"), rs.getInt(7), rs.getString(8)));
          }
        }
      }
      return out;
    });
  }

  private static Optional<Deployment> find(Connection c, String environment) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM environments WHERE name = ?")) {
      ps.setString(1, environment);
      return deployments(ps).stream().findFirst();
    }
  }

  private static List<Deployment> deployments(PreparedStatement ps) throws SQLException {
    List<Deployment> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String rollout = rs.getString("rollout_json");
        out.add(new Deployment(rs.getString("name"), rs.getString("model"), rs.getInt("stable"),
            Optional.ofNullable(rollout).map(RolloutJson::read), rs.getLong("revision"), Sql.instant(rs, "updated_at"),
            rs.getString("updated_by")));
      }
    }
    return out;
  }
}
