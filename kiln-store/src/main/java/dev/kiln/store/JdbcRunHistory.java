package dev.kiln.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.CiRun;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.history.StageOutput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Runs and stage executions over JDBC (SQLite or PostgreSQL). */
final class JdbcRunHistory implements RunHistory {
  private static final String RUN_COLUMNS = "id, pipeline, status, reason, trigger_kind, git_commit, git_branch, "
      + "git_dirty, params_json, kiln_version, host, started_at, ended_at, targets, owner_host, owner_pid, "
      + "owner_started_at, heartbeat_at, trigger_cause, ci_system, ci_url, ci_commit, ci_branch, ci_pull_request";
  private static final String EXEC_COLUMNS = "id, run_id, stage, status, reason, fingerprint, inputs_json, "
      + "started_at, ended_at, wall_ms, cpu_ms, peak_rss_bytes, exit_code, log_path, attempts, "
      + "source_execution_id, details_json, output_json";
  private static final String RESULT_STATUSES = "('SUCCEEDED', 'UP_TO_DATE', 'RESTORED')";
  private final Database db;

  JdbcRunHistory(Database db) {
    this.db = db;
  }

  @Override
  public long startRun(NewRun run) {
    return db.write("record a new run", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (pipeline, status, trigger_kind, git_commit, "
          + "git_branch, git_dirty, params_json, kiln_version, host, started_at, targets, owner_host, owner_pid, "
          + "owner_started_at, heartbeat_at, trigger_cause, ci_system, ci_url, ci_commit, ci_branch, ci_pull_request) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, run.pipeline());
        ps.setString(2, RunStatus.RUNNING.name());
        ps.setString(3, run.trigger());
        ps.setString(4, run.git().commit());
        ps.setString(5, run.git().branch());
        Sql.setNullableBool(ps, 6, run.git().dirty());
        ps.setString(7, run.paramsJson());
        ps.setString(8, run.kilnVersion());
        ps.setString(9, run.host());
        ps.setLong(10, run.startedAt().toEpochMilli());
        ps.setString(11, String.join(" ", run.targets()));
        ps.setString(12, run.owner() == null ? null : run.owner().host());
        Sql.setNullableLong(ps, 13, run.owner() == null ? null : run.owner().pid());
        Sql.setNullableLong(ps, 14, run.owner() == null ? null : run.owner().processStart().toEpochMilli());
        ps.setLong(15, run.startedAt().toEpochMilli());
        ps.setString(16, run.cause().isEmpty() ? null : run.cause());
        ps.setString(17, run.ci().system());
        ps.setString(18, run.ci().url());
        ps.setString(19, run.ci().commit());
        ps.setString(20, run.ci().branch());
        ps.setString(21, run.ci().pullRequest());
        return returnedId(ps);
      }
    });
  }

  @Override
  public void finishRun(long runId, RunStatus status, String reason, Instant endedAt) {
    db.write("record the end of run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, reason = ?, ended_at = ? WHERE id = ?")) {
        ps.setString(1, status.name());
        ps.setString(2, reason);
        ps.setLong(3, endedAt.toEpochMilli());
        ps.setLong(4, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void reopenRun(long runId, RunOwner owner, Instant at) {
    db.write("reopen run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, ended_at = NULL, owner_host = ?, "
          + "owner_pid = ?, owner_started_at = ?, heartbeat_at = ? WHERE id = ?")) {
        ps.setString(1, RunStatus.RUNNING.name());
        ps.setString(2, owner.host());
        ps.setLong(3, owner.pid());
        ps.setLong(4, owner.processStart().toEpochMilli());
        ps.setLong(5, at.toEpochMilli());
        ps.setLong(6, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public long startExecution(long runId, String stage, Instant startedAt) {
    return db.write("record the start of stage " + stage, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_executions (run_id, pipeline, stage, status, "
          + "started_at) SELECT id, pipeline, ?, ?, ? FROM runs WHERE id = ? RETURNING id")) {
        ps.setString(1, stage);
        ps.setString(2, ExecStatus.RUNNING.name());
        ps.setLong(3, startedAt.toEpochMilli());
        ps.setLong(4, runId);
        return returnedId(ps);
      }
    });
  }

  @Override
  public void finishExecution(ExecutionRecord r) {
    db.write("record the result of stage " + r.stage(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE stage_executions SET status = ?, reason = ?, "
          + "fingerprint = ?, inputs_json = ?, ended_at = ?, wall_ms = ?, cpu_ms = ?, peak_rss_bytes = ?, "
          + "exit_code = ?, log_path = ?, attempts = ?, source_execution_id = ?, details_json = ?, output_json = ? "
          + "WHERE id = ?")) {
        ps.setString(1, r.status().name());
        ps.setString(2, r.reason());
        ps.setString(3, r.fingerprint());
        ps.setString(4, r.inputsJson());
        ps.setLong(5, r.endedAt().toEpochMilli());
        ps.setLong(6, r.wallMillis());
        ps.setLong(7, r.cpuMillis());
        ps.setLong(8, r.peakRssBytes());
        Sql.setNullableInt(ps, 9, r.exitCode());
        ps.setString(10, r.logPath());
        ps.setInt(11, r.attempts());
        Sql.setNullableLong(ps, 12, r.sourceExecutionId());
        ps.setString(13, CanonicalJson.write(r.details()));
        ps.setString(14, r.output().present() ? CanonicalJson.write(r.output()) : null);
        ps.setLong(15, r.id());
        ps.executeUpdate();
      }
      insertMetrics(c, r.id(), r.metrics());
      insertArtifacts(c, r.id(), r.outputs());
      return null;
    });
  }

  private static void insertMetrics(Connection c, long id, Map<String, Double> metrics) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics (execution_id, name, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Double> m : metrics.entrySet()) {
        if (m.getValue().isNaN() || m.getValue().isInfinite()) {
          continue;
        }
        ps.setLong(1, id);
        ps.setString(2, m.getKey());
        ps.setDouble(3, m.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertArtifacts(Connection c, long id, List<Output> outputs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO artifacts (execution_id, path, kind, digest, size, files) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Output o : outputs) {
        ps.setLong(1, id);
        ps.setString(2, o.path());
        ps.setString(3, o.kind().name());
        ps.setString(4, o.digest().hex());
        ps.setLong(5, o.size());
        ps.setInt(6, o.files());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Optional<RunRecord> run(long runId) {
    return db.read("read run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
        ps.setLong(1, runId);
        return runs(ps).stream().findFirst();
      }
    });
  }

  @Override
  public List<RunRecord> runs(String pipeline, int limit) {
    return db.read("list runs", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS
          + " FROM runs WHERE pipeline = ? ORDER BY id DESC LIMIT ?")) {
        ps.setString(1, pipeline);
        ps.setInt(2, limit);
        return runs(ps);
      }
    });
  }

  @Override
  public List<ExecutionRecord> executions(long runId) {
    return queryExecutions("read the stages of run " + runId,
        "SELECT " + EXEC_COLUMNS + " FROM stage_executions WHERE run_id = ? ORDER BY id", runId);
  }

  @Override
  public List<RunRecord> runsSince(Instant since, Optional<String> pipeline) {
    return db.read("list runs since " + since, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE started_at >= ?"
          + (pipeline.isPresent() ? " AND pipeline = ?" : "") + " ORDER BY id")) {
        ps.setLong(1, since.toEpochMilli());
        if (pipeline.isPresent()) {
          ps.setString(2, pipeline.get());
        }
        return runs(ps);
      }
    });
  }

  @Override
  public List<ExecutionRecord> executionsSince(Instant since, Optional<String> pipeline) {
    String scope = " JOIN runs r ON r.id = e.run_id WHERE r.started_at >= ?"
        + (pipeline.isPresent() ? " AND r.pipeline = ?" : "");
    Object[] args = pipeline.isPresent() ? new Object[] {since.toEpochMilli(), pipeline.get()}
        : new Object[] {since.toEpochMilli()};
    return db.read("read the stage executions since " + since, c -> {
      List<ExecutionRecord> bare = new ArrayList<>();
      query(c, "SELECT " + EXEC_COLUMNS.replaceAll("(\\w+)", "e.$1") + " FROM stage_executions e" + scope
          + " ORDER BY e.id", args, rs -> bare.add(execution(rs)));
      Map<Long, Map<String, Double>> metrics = new HashMap<>();
      query(c, "SELECT m.execution_id, m.name, m.value FROM metrics m JOIN stage_executions e ON e.id = m.execution_id"
          + scope, args, rs -> metrics.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
              .put(rs.getString(2), rs.getDouble(3)));
      Map<Long, List<Output>> outputs = new HashMap<>();
      query(c, "SELECT a.execution_id, a.path, a.kind, a.digest, a.size, a.files FROM artifacts a "
          + "JOIN stage_executions e ON e.id = a.execution_id" + scope + " ORDER BY a.execution_id, a.path", args,
          rs -> outputs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Output(rs.getString(2),
              Output.Kind.valueOf(rs.getString(3)), new Digest(rs.getString(4)), rs.getLong(5), rs.getInt(6))));
      List<ExecutionRecord> full = new ArrayList<>(bare.size());
      for (ExecutionRecord e : bare) {
        full.add(with(e, metrics.getOrDefault(e.id(), Map.of()), outputs.getOrDefault(e.id(), List.of())));
      }
      return full;
    });
  }

  @Override
  public List<String> pipelines() {
    return db.read("list pipelines", c -> {
      List<String> out = new ArrayList<>();
      query(c, "SELECT DISTINCT pipeline FROM runs ORDER BY pipeline", new Object[0], rs -> out.add(rs.getString(1)));
      return out;
    });
  }

  /** What to do with each row of a result. */
  private interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, Object[] args, RowHandler handler) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }

  @Override
  public Optional<ExecutionRecord> execution(long executionId) {
    return queryExecutions("read stage execution " + executionId,
        "SELECT " + EXEC_COLUMNS + " FROM stage_executions WHERE id = ?", executionId).stream().findFirst();
  }

  @Override
  public Optional<ExecutionRecord> lastResult(String pipeline, String stage) {
    return queryExecutions("find the last result of stage " + stage, "SELECT " + EXEC_COLUMNS
        + " FROM stage_executions WHERE pipeline = ? AND stage = ? AND status IN " + RESULT_STATUSES
        + " ORDER BY id DESC LIMIT 1", pipeline, stage).stream().findFirst();
  }

  @Override
  public List<ExecutionRecord> resultsWithFingerprint(String pipeline, String stage, String fingerprint) {
    return queryExecutions("search the run-cache for stage " + stage, "SELECT " + EXEC_COLUMNS
        + " FROM stage_executions WHERE pipeline = ? AND stage = ? AND fingerprint = ? AND status IN "
        + RESULT_STATUSES + " ORDER BY id DESC LIMIT 20", pipeline, stage, fingerprint);
  }

  @Override
  public List<RunRecord> running(String pipeline) {
    return db.read("list running runs", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS
          + " FROM runs WHERE pipeline = ? AND status = ? ORDER BY id")) {
        ps.setString(1, pipeline);
        ps.setString(2, RunStatus.RUNNING.name());
        return runs(ps);
      }
    });
  }

  @Override
  public void heartbeat(long runId, Instant at) {
    db.write("renew the lease of run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, runId);
        ps.setString(3, RunStatus.RUNNING.name());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean interrupt(long runId, String reason, Instant at) {
    return db.write("mark run " + runId + " interrupted", c -> {
      int changed;
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, reason = ?, ended_at = ? "
          + "WHERE id = ? AND status = ?")) {
        ps.setString(1, RunStatus.INTERRUPTED.name());
        ps.setString(2, reason);
        ps.setLong(3, at.toEpochMilli());
        ps.setLong(4, runId);
        ps.setString(5, RunStatus.RUNNING.name());
        changed = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE stage_executions SET status = ?, reason = ?, ended_at = ? "
          + "WHERE run_id = ? AND status = ?")) {
        ps.setString(1, ExecStatus.INTERRUPTED.name());
        ps.setString(2, reason);
        ps.setLong(3, at.toEpochMilli());
        ps.setLong(4, runId);
        ps.setString(5, ExecStatus.RUNNING.name());
        ps.executeUpdate();
      }
      return changed == 1;
    });
  }

  @Override
  public Map<Digest, Output.Kind> referencedObjects() {
    return db.read("list referenced objects", c -> Sql.digestKinds(c, "SELECT DISTINCT digest, kind FROM artifacts"));
  }

  @Override
  public List<String> holdersOf(Digest root, int limit) {
    return db.read("find executions with output " + root, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT e.run_id, e.stage, a.path FROM artifacts a "
          + "JOIN stage_executions e ON e.id = a.execution_id WHERE a.digest = ? AND e.source_execution_id IS NULL "
          + "ORDER BY e.id DESC LIMIT ?")) {
        ps.setString(1, root.hex());
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add("run " + rs.getLong(1) + ", stage '" + rs.getString(2) + "': " + rs.getString(3));
          }
        }
      }
      return out;
    });
  }

  private List<ExecutionRecord> queryExecutions(String what, String sql, Object... args) {
    return db.read(what, c -> {
      List<ExecutionRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(execution(rs));
          }
        }
      }
      List<ExecutionRecord> full = new ArrayList<>(out.size());
      for (ExecutionRecord e : out) {
        full.add(withChildren(c, e));
      }
      return full;
    });
  }

  private static ExecutionRecord execution(ResultSet rs) throws SQLException {
    String details = rs.getString(17);
    List<String> detailList = details == null || details.equals("[]") ? List.of()
        : CanonicalJson.MAPPER.convertValue(CanonicalJson.read(details, List.class), new TypeReference<List<String>>() {});
    return new ExecutionRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), ExecStatus.valueOf(rs.getString(4)),
        nullToEmpty(rs.getString(5)), nullToEmpty(rs.getString(6)), nullToEmpty(rs.getString(7)),
        Instant.ofEpochMilli(rs.getLong(8)), instant(rs, 9), rs.getLong(10), longOr(rs, 11, -1), longOr(rs, 12, -1),
        (Integer) intOrNull(rs, 13), rs.getString(14), rs.getInt(15), (Long) longOrNull(rs, 16), Map.of(), List.of(),
        detailList, output(rs.getString(18)));
  }

  private static StageOutput output(String json) {
    return json == null || json.isEmpty() ? StageOutput.NONE : CanonicalJson.read(json, StageOutput.class);
  }

  private static ExecutionRecord withChildren(Connection c, ExecutionRecord e) throws SQLException {
    Map<String, Double> metrics = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM metrics WHERE execution_id = ?")) {
      ps.setLong(1, e.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          metrics.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    List<Output> outputs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT path, kind, digest, size, files FROM artifacts WHERE execution_id = ? ORDER BY path")) {
      ps.setLong(1, e.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outputs.add(new Output(rs.getString(1), Output.Kind.valueOf(rs.getString(2)), new Digest(rs.getString(3)),
              rs.getLong(4), rs.getInt(5)));
        }
      }
    }
    return with(e, metrics, outputs);
  }

  private static ExecutionRecord with(ExecutionRecord e, Map<String, Double> metrics, List<Output> outputs) {
    return new ExecutionRecord(e.id(), e.runId(), e.stage(), e.status(), e.reason(), e.fingerprint(), e.inputsJson(),
        e.startedAt(), e.endedAt(), e.wallMillis(), e.cpuMillis(), e.peakRssBytes(), e.exitCode(), e.logPath(),
        e.attempts(), e.sourceExecutionId(), metrics, outputs, e.details(), e.output());
  }

  private static List<RunRecord> runs(PreparedStatement ps) throws SQLException {
    List<RunRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Object dirty = intOrNull(rs, 8);
        GitState git = new GitState(rs.getString(6), rs.getString(7), dirty == null ? null : ((Integer) dirty) != 0);
        String targets = nullToEmpty(rs.getString(14));
        out.add(new RunRecord(rs.getLong(1), rs.getString(2), RunStatus.parse(rs.getString(3)),
            nullToEmpty(rs.getString(4)), rs.getString(5), git, rs.getString(9), rs.getString(10), rs.getString(11),
            Instant.ofEpochMilli(rs.getLong(12)), instant(rs, 13),
            targets.isEmpty() ? List.of() : List.of(targets.split(" ")),
            RunOwner.of(rs.getString(15), (Long) longOrNull(rs, 16), (Long) longOrNull(rs, 17)),
            Optional.ofNullable(instant(rs, 18)), nullToEmpty(rs.getString(19)),
            new CiRun(rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24))));
      }
    }
    return out;
  }

  static long returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no id returned");
      }
      return rs.getLong(1);
    }
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static long longOr(ResultSet rs, int col, long fallback) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? fallback : v;
  }

  private static Object longOrNull(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  private static Object intOrNull(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

}
