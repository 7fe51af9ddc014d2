package dev.kiln.store;

import dev.kiln.core.trigger.TriggerState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@code kiln watch} last saw, over JDBC; a firing queues its run in the same transaction. */
final class JdbcTriggerState implements TriggerState {
  private final Database db;

  JdbcTriggerState(Database db) {
    this.db = db;
  }

  @Override
  public Map<String, String> marks(String pipeline, Kind kind) {
    return db.read("read the trigger state of " + pipeline, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT item, seen FROM trigger_state WHERE pipeline = ? "
          + "AND kind = ?")) {
        ps.setString(1, pipeline);
        ps.setString(2, name(kind));
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void mark(String pipeline, List<Mark> marks, Instant at) {
    if (marks.isEmpty()) {
      return;
    }
    db.write("record the trigger state of " + pipeline, c -> {
      save(c, pipeline, marks, at);
      return null;
    });
  }

  @Override
  public long fire(String pipeline, String trigger, String cause, Instant at, List<Mark> marks) {
    return JdbcRunQueue.retryingOnceOnConflict(() -> db.write("queue a run of " + pipeline, c -> {
      long id = JdbcRunQueue.request(c, pipeline, trigger, cause, at);
      save(c, pipeline, marks, at);
      return id;
    }));
  }

  private static void save(Connection c, String pipeline, List<Mark> marks, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trigger_state (pipeline, kind, item, seen, updated_at) "
        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (pipeline, kind, item) DO UPDATE SET seen = excluded.seen, "
        + "updated_at = excluded.updated_at")) {
      for (Mark m : marks) {
        ps.setString(1, pipeline);
        ps.setString(2, name(m.kind()));
        ps.setString(3, m.key());
        ps.setString(4, m.value());
        ps.setLong(5, at.toEpochMilli());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String name(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
