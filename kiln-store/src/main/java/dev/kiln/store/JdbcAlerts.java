package dev.kiln.store;

import dev.kiln.release.monitor.Alert;
import dev.kiln.release.monitor.Alerts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts over JDBC, append-only: an alert row when a rule fires, then one row per thing an action
 * did (a webhook's attempts, a rollback's outcome), in the order they were recorded. Reading
 * gives every action row, oldest first, so the evidence of retries is kept.
 */
final class JdbcAlerts implements Alerts {
  private static final String ALERT_COLUMNS = "a.id, a.environment, a.rule, a.model, a.version, a.at, a.summary, "
      + "a.evidence_json";
  private final Database db;

  JdbcAlerts(Database db) {
    this.db = db;
  }

  @Override
  public long raise(String environment, String rule, String model, String version, Instant at, String summary,
      String evidenceJson) {
    return db.write("record alert " + rule + " of " + environment, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (environment, rule, model, version, at, "
          + "summary, evidence_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, environment);
        ps.setString(2, rule);
        ps.setString(3, model);
        ps.setString(4, version);
        ps.setLong(5, at.toEpochMilli());
        ps.setString(6, summary);
        ps.setString(7, evidenceJson);
        return JdbcRunHistory.returnedId(ps);
      }
    });
  }

  @Override
  public void action(long alertId, String action, String status, String detail, Instant at) {
    db.write("record action " + action + " of alert " + alertId, c -> {
      requireAlert(c, alertId);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_actions (alert_id, action, status, detail, at) "
          + "VALUES (?, ?, ?, ?, ?)")) {
        ps.setLong(1, alertId);
        ps.setString(2, action);
        ps.setString(3, status);
        ps.setString(4, detail);
        ps.setLong(5, at.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private static void requireAlert(Connection c, long alertId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE id = ?")) {
      ps.setLong(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("there is no alert " + alertId + " to record an action of");
        }
      }
    }
  }

  @Override
  public List<Alert> list(Optional<String> environment, Instant since) {
    return db.read("list alerts", c -> {
      String where = " WHERE a.at >= ?" + (environment.isPresent() ? " AND a.environment = ?" : "");
      Map<Long, Header> alerts = headers(c, where, environment, since);
      Map<Long, List<Alert.ActionResult>> actions = actions(c, where, environment, since);
      List<Alert> out = new ArrayList<>(alerts.size());
      for (Header h : alerts.values()) {
        out.add(h.alert(actions.getOrDefault(h.id, List.of())));
      }
      return out;
    });
  }

  private static Map<Long, Header> headers(Connection c, String where, Optional<String> environment, Instant since)
      throws SQLException {
    Map<Long, Header> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM alerts a" + where
        + " ORDER BY a.at DESC, a.id DESC")) {
      bind(ps, environment, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Header h = new Header(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              Sql.instant(rs, "at"), rs.getString(7), rs.getString(8));
          out.put(h.id, h);
        }
      }
    }
    return out;
  }

  private static Map<Long, List<Alert.ActionResult>> actions(Connection c, String where, Optional<String> environment,
      Instant since) throws SQLException {
    Map<Long, List<Alert.ActionResult>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT x.alert_id, x.action, x.status, x.detail, x.at FROM "
        + "alert_actions x JOIN alerts a ON a.id = x.alert_id" + where + " ORDER BY x.alert_id, x.id")) {
      bind(ps, environment, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Alert.ActionResult(rs.getString(2),
              rs.getString(3), rs.getString(4), Sql.instant(rs, "at")));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, Optional<String> environment, Instant since) throws SQLException {
    ps.setLong(1, since.toEpochMilli());
    if (environment.isPresent()) {
      ps.setString(2, environment.get());
    }
  }

  private record Header(long id, String environment, String rule, String model, String version, Instant at,
      String summary, String evidenceJson) {
    Alert alert(List<Alert.ActionResult> actions) {
      return new Alert(id, environment, rule, model, version, at, summary, evidenceJson, actions);
    }
  }
}
