package dev.kiln.store;

import dev.kiln.release.approval.Approval;
import dev.kiln.release.approval.Approvals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approval requests of manual gates, over JDBC. */
final class JdbcApprovals implements Approvals {
  private final Database db;

  JdbcApprovals(Database db) {
    this.db = db;
  }

  @Override
  public Approval request(long runId, String stage, Instant at, Instant deadline) {
    return db.write("request approval", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO approvals (run_id, stage, requested_at, deadline, "
          + "decision) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, stage) DO NOTHING")) {
        ps.setLong(1, runId);
        ps.setString(2, stage);
        ps.setLong(3, at.toEpochMilli());
        Sql.setInstant(ps, 4, deadline);
        ps.setString(5, Approval.Decision.PENDING.name());
        ps.executeUpdate();
      }
      return find(c, runId, stage).orElseThrow();
    });
  }

  @Override
  public Optional<Approval> find(long runId, String stage) {
    return db.read("read an approval", c -> find(c, runId, stage));
  }

  @Override
  public Approval decide(long runId, String stage, Approval.Decision decision, String who, String comment, Instant at) {
    return db.write("decide an approval", c -> {
      Approval current = find(c, runId, stage).orElseThrow(() -> new StoreException(
          "run " + runId + " has no approval request at stage '" + stage + "'"));
      if (current.decision() != Approval.Decision.PENDING) {
        throw new StoreException("run " + runId + " was already " + current.decision().name().toLowerCase()
            + " by " + current.decidedBy() + " at " + current.decidedAt());
      }
      Approval.Decision effective = current.expiredAt(at) ? Approval.Decision.EXPIRED : decision;
      try (PreparedStatement ps = c.prepareStatement("UPDATE approvals SET decision = ?, decided_by = ?, decided_at = ?, "
          + "comment = ? WHERE run_id = ? AND stage = ? AND decision = ?")) {
        ps.setString(1, effective.name());
        ps.setString(2, effective == Approval.Decision.EXPIRED ? "kiln" : who);
        ps.setLong(3, at.toEpochMilli());
        ps.setString(4, effective == Approval.Decision.EXPIRED ? "no decision before the deadline" : comment);
        ps.setLong(5, runId);
        ps.setString(6, stage);
        ps.setString(7, Approval.Decision.PENDING.name());
        ps.executeUpdate();
      }
      return find(c, runId, stage).orElseThrow();
    });
  }

  @Override
  public List<Approval> pending() {
    return db.read("list pending approvals", c -> {
      List<Approval> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM approvals WHERE decision = ? ORDER BY requested_at")) {
        ps.setString(1, Approval.Decision.PENDING.name());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(approval(rs));
          }
        }
      }
      return out;
    });
  }

  private static Optional<Approval> find(Connection c, long runId, String stage) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM approvals WHERE run_id = ? AND stage = ?")) {
      ps.setLong(1, runId);
      ps.setString(2, stage);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(approval(rs)) : Optional.empty();
      }
    }
  }

  private static Approval approval(ResultSet rs) throws SQLException {
    return new Approval(rs.getLong("run_id"), rs.getString("stage"), Sql.instant(rs, "requested_at"),
        Sql.instant(rs, "deadline"), Approval.Decision.valueOf(rs.getString("decision")), rs.getString("decided_by"),
        Sql.instant(rs, "decided_at"), rs.getString("comment"));
  }
}
