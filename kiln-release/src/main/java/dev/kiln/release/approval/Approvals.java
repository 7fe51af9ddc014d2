package dev.kiln.release.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Approval requests and decisions, kept in the metadata store. */
public interface Approvals {

  /** Records a pending request, or returns the one already there for this run and stage. */
  Approval request(long runId, String stage, Instant at, Instant deadline);

  Optional<Approval> find(long runId, String stage);

  /**
   * Decides a pending request. Refused (with the reason) if it was already decided or its
   * deadline passed; a passed deadline is recorded as EXPIRED.
   */
  Approval decide(long runId, String stage, Approval.Decision decision, String who, String comment, Instant at);

  /** Requests still waiting, oldest first. */
  List<Approval> pending();
}
