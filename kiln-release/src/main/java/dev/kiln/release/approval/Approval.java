package dev.kiln.release.approval;

import java.time.Instant;

/**
 * A request for a person's decision at a gate, and the decision once made. An unanswered
 * request with a deadline counts as rejected once the deadline passes.
 */
public record Approval(
    long runId,
    String stage,
    Instant requestedAt,
    Instant deadline,
    Decision decision,
    String decidedBy,
    Instant decidedAt,
    String comment) {

  /** Where the request stands. */
  public enum Decision { PENDING, APPROVED, REJECTED, EXPIRED }

  public boolean expiredAt(Instant now) {
    return decision == Decision.PENDING && deadline != null && now.isAfter(deadline);
  }
}
