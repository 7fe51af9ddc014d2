package dev.kiln.store;

import dev.kiln.core.runs.RunQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run queue over JDBC. A partial unique index keeps at most one waiting request per pipeline;
 * asking while one waits appends the new cause to it. On PostgreSQL two processes may both find no
 * waiting request and insert: the loser's insert fails on the index and is retried, and then joins.
 */
final class JdbcRunQueue implements RunQueue {
  static final String WAITING = "waiting";
  static final String STARTED = "started";
  static final String DISMISSED = "dismissed";
  /** Causes beyond this length are not appended to a waiting request any more. */
  private static final int MAX_CAUSE = 2000;
  private static final String COLUMNS = "id, pipeline, trigger_kind, cause, requested_at, run_id";
  private final Database db;

  JdbcRunQueue(Database db) {
    this.db = db;
  }

  @Override
  public long request(String pipeline, String trigger, String cause, Instant at) {
    return retryingOnceOnConflict(() -> db.write("queue a run of " + pipeline, c -> request(c, pipeline, trigger,
        cause, at)));
  }

  /** Queues or joins within the caller's transaction. */
  static long request(Connection c, String pipeline, String trigger, String cause, Instant at) throws SQLException {
    Optional<RunQueue.Request> waiting = waiting(c, pipeline);
    if (waiting.isPresent()) {
      String joined = joined(waiting.get().cause(), cause);
      if (!joined.equals(waiting.get().cause())) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run_queue SET cause = ?, updated_at = ? WHERE id = ?")) {
          ps.setString(1, joined);
          ps.setLong(2, at.toEpochMilli());
          ps.setLong(3, waiting.get().id());
          ps.executeUpdate();
        }
      }
      return waiting.get().id();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_queue (pipeline, trigger_kind, cause, requested_at, "
        + "status, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, pipeline);
      ps.setString(2, trigger);
      ps.setString(3, cause);
      ps.setLong(4, at.toEpochMilli());
      ps.setString(5, WAITING);
      ps.setLong(6, at.toEpochMilli());
      return JdbcRunHistory.returnedId(ps);
    }
  }

  private static String joined(String existing, String added) {
    if (added.isEmpty() || existing.equals(added) || existing.startsWith(added + "; ") || existing.endsWith("; " + added)
        || existing.contains("; " + added + "; ")) {
      return existing;
    }
    if (existing.length() + added.length() > MAX_CAUSE) {
      return existing.endsWith(" …") ? existing : existing + "; …";
    }
    return existing.isEmpty() ? added : existing + "; " + added;
  }

  @Override
  public Optional<Request> waiting(String pipeline) {
    return db.read("read the waiting run of " + pipeline, c -> waiting(c, pipeline));
  }

  private static Optional<Request> waiting(Connection c, String pipeline) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run_queue WHERE pipeline = ? "
        + "AND status = ? ORDER BY id LIMIT 1")) {
      ps.setString(1, pipeline);
      ps.setString(2, WAITING);
      List<Request> found = requests(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  @Override
  public void started(long requestId, long runId) {
    db.write("record that run " + runId + " started request " + requestId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE run_queue SET status = ?, run_id = ? WHERE id = ?")) {
        ps.setString(1, STARTED);
        ps.setLong(2, runId);
        ps.setLong(3, requestId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void dismiss(long requestId, String reason, Instant at) {
    db.write("dismiss request " + requestId, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE run_queue SET status = ?, note = ?, updated_at = ? "
          + "WHERE id = ? AND status = ?")) {
        ps.setString(1, DISMISSED);
        ps.setString(2, reason);
        ps.setLong(3, at.toEpochMilli());
        ps.setLong(4, requestId);
        ps.setString(5, WAITING);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Request> since(String pipeline, Instant since) {
    return db.read("read the run requests of " + pipeline, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run_queue WHERE pipeline = ? "
          + "AND requested_at >= ? ORDER BY requested_at, id")) {
        ps.setString(1, pipeline);
        ps.setLong(2, since.toEpochMilli());
        return requests(ps);
      }
    });
  }

  private static List<Request> requests(PreparedStatement ps) throws SQLException {
    List<Request> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Long run = Sql.nullableLong(rs, "run_id");
        out.add(new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Instant.ofEpochMilli(rs.getLong(5)), Optional.ofNullable(run)));
      }
    }
    return out;
  }

  /** Runs {@code work} again once if it lost a race for the one-waiting-request index. */
  static <T> T retryingOnceOnConflict(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && ("23505".equals(s.getSQLState())
          || String.valueOf(s.getMessage()).contains("UNIQUE constraint failed"))) {
        return work.get();
      }
      throw e;
    }
  }
}
