package dev.kiln.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.MonitorWindows;
import dev.kiln.release.monitor.PredictionDistribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closed monitor windows over JDBC: one row per window and one drift row per feature (and one
 * for the predictions), written in one transaction so a report never sees half a window. Live
 * accuracy is a small JSON object; a non-finite metric (an AUC over one class) is kept as its
 * name ("NaN"), so it reads back as it was written. The predictions' distribution is another
 * ({@code bins}, {@code reference}, {@code current}), NULL when the window has none.
 */
final class JdbcMonitorWindows implements MonitorWindows {
  private static final String FEATURE = "feature";
  private static final String PREDICTION = "prediction";
  private final Database db;

  JdbcMonitorWindows(Database db) {
    this.db = db;
  }

  @Override
  public void record(MonitorWindow w) {
    db.write("record a monitor window of " + w.environment(), c -> {
      long id = insertWindow(c, w);
      int position = 0;
      for (FeatureDrift f : w.features()) {
        insertDrift(c, id, position++, FEATURE, f);
      }
      if (w.prediction().isPresent()) {
        insertDrift(c, id, position, PREDICTION, w.prediction().get());
      }
      return id;
    });
  }

  private static long insertWindow(Connection c, MonitorWindow w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitor_windows (environment, model, version, "
        + "started_at, ended_at, requests, errors, latency_p50_ms, latency_p99_ms, labels, accuracy_json, "
        + "prediction_distribution_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, w.environment());
      ps.setString(2, w.model());
      ps.setString(3, w.version());
      ps.setLong(4, w.start().toEpochMilli());
      ps.setLong(5, w.end().toEpochMilli());
      ps.setLong(6, w.requests());
      ps.setLong(7, w.errors());
      Sql.setDoubleOrNull(ps, 8, w.latencyP50Ms());
      Sql.setDoubleOrNull(ps, 9, w.latencyP99Ms());
      ps.setLong(10, w.labels());
      ps.setString(11, accuracyJson(w.accuracy()));
      ps.setString(12, w.distribution().map(JdbcMonitorWindows::distributionJson).orElse(null));
      return JdbcRunHistory.returnedId(ps);
    }
  }

  private static void insertDrift(Connection c, long windowId, int position, String kind, FeatureDrift f)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO monitor_drift (window_id, position, kind, feature, "
        + "test, statistic, threshold, drifted, psi, row_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, windowId);
      ps.setInt(2, position);
      ps.setString(3, kind);
      ps.setString(4, f.feature());
      ps.setString(5, f.test());
      Sql.setDoubleOrNull(ps, 6, f.statistic());
      Sql.setDoubleOrNull(ps, 7, f.threshold());
      ps.setInt(8, f.drifted() ? 1 : 0);
      Sql.setDoubleOrNull(ps, 9, f.psi());
      ps.setLong(10, f.rows());
      ps.executeUpdate();
    }
  }

  @Override
  public List<MonitorWindow> since(String environment, Instant since) {
    return db.read("read the monitor windows of " + environment, c -> {
      Map<Long, Row> rows = windows(c, environment, since);
      drift(c, environment, since, rows);
      List<MonitorWindow> out = new ArrayList<>(rows.size());
      for (Row r : rows.values()) {
        out.add(r.window());
      }
      return out;
    });
  }

  @Override
  public boolean any(String environment) {
    return db.read("look for monitor windows of " + environment, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM monitor_windows WHERE environment = ? LIMIT 1")) {
        ps.setString(1, environment);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  private static Map<Long, Row> windows(Connection c, String environment, Instant since) throws SQLException {
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, environment, model, version, started_at, ended_at, "
        + "requests, errors, latency_p50_ms, latency_p99_ms, labels, accuracy_json, prediction_distribution_json "
        + "FROM monitor_windows "
        + "WHERE environment = ? AND ended_at >= ? ORDER BY ended_at, id")) {
      ps.setString(1, environment);
      ps.setLong(2, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong("id"), new Row(rs));
        }
      }
    }
    return rows;
  }

  private static void drift(Connection c, String environment, Instant since, Map<Long, Row> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT d.window_id, d.kind, d.feature, d.test, d.statistic, "
        + "d.threshold, d.drifted, d.psi, d.row_count FROM monitor_drift d JOIN monitor_windows w ON w.id = d.window_id "
        + "WHERE w.environment = ? AND w.ended_at >= ? ORDER BY d.window_id, d.position")) {
      ps.setString(1, environment);
      ps.setLong(2, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = rows.get(rs.getLong("window_id"));
          if (row == null) {
            continue;
          }
          FeatureDrift f = new FeatureDrift(rs.getString("feature"), rs.getString("test"),
              Sql.doubleOrNaN(rs, "statistic"), Sql.doubleOrNaN(rs, "threshold"), rs.getInt("drifted") != 0,
              Sql.doubleOrNaN(rs, "psi"), rs.getLong("row_count"));
          if (PREDICTION.equals(rs.getString("kind"))) {
            row.prediction = Optional.of(f);
          } else {
            row.features.add(f);
          }
        }
      }
    }
  }

  static String accuracyJson(Map<String, Double> accuracy) {
    ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
    accuracy.forEach((k, v) -> {
      if (Double.isFinite(v)) {
        n.put(k, v);
      } else {
        n.put(k, v.toString());
      }
    });
    return CanonicalJson.write(n);
  }

  static Map<String, Double> accuracy(String json) {
    Map<String, Double> out = new HashMap<>();
    JsonNode n = CanonicalJson.read(json, JsonNode.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.parseDouble(e.getValue().asText()));
    }
    return out;
  }

  static String distributionJson(PredictionDistribution d) {
    ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
    d.bins().forEach(n.putArray("bins")::add);
    ArrayNode reference = n.putArray("reference");
    d.reference().forEach(reference::add);
    ArrayNode current = n.putArray("current");
    d.current().forEach(current::add);
    return CanonicalJson.write(n);
  }

  static Optional<PredictionDistribution> distribution(String json) {
    if (json == null) {
      return Optional.empty();
    }
    JsonNode n = CanonicalJson.read(json, JsonNode.class);
    List<String> bins = new ArrayList<>();
    n.get("bins").forEach(b -> bins.add(b.asText()));
    List<Long> reference = new ArrayList<>();
    n.get("reference").forEach(x -> reference.add(x.asLong()));
    List<Long> current = new ArrayList<>();
    n.get("current").forEach(x -> current.add(x.asLong()));
    return Optional.of(new PredictionDistribution(bins, reference, current));
  }

  /** A window read in two steps: its row, then its drift rows. */
  private static final class Row {
    final String environment;
    final String model;
    final String version;
    final Instant start;
    final Instant end;
    final long requests;
    final long errors;
    final double p50;
    final double p99;
    final long labels;
    final Map<String, Double> accuracy;
    final Optional<PredictionDistribution> distribution;
    final List<FeatureDrift> features = new ArrayList<>();
    Optional<FeatureDrift> prediction = Optional.empty();

    Row(ResultSet rs) throws SQLException {
      environment = rs.getString("environment");
      model = rs.getString("model");
      version = rs.getString("version");
      start = Sql.instant(rs, "started_at");
      end = Sql.instant(rs, "ended_at");
      requests = rs.getLong("requests");
      errors = rs.getLong("errors");
      p50 = Sql.doubleOrNaN(rs, "latency_p50_ms");
      p99 = Sql.doubleOrNaN(rs, "latency_p99_ms");
      labels = rs.getLong("labels");
      accuracy = accuracy(rs.getString("accuracy_json"));
      distribution = distribution(rs.getString("prediction_distribution_json"));
    }

    MonitorWindow window() {
      return new MonitorWindow(environment, model, version, start, end, requests, errors, p50, p99, features,
          prediction, labels, accuracy, distribution);
    }
  }
}
