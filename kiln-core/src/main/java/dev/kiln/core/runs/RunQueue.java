package dev.kiln.core.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs asked for by something other than a person at a terminal (a trigger that fired, a monitor
 * rule's {@code retrain}) waiting for {@code kiln watch} to start them. At most one request per
 * pipeline waits: asking again while one waits adds the cause to it, as CI systems queue one
 * pending build.
 */
public interface RunQueue {
  /** A waiting or started request; {@code trigger} as runs record it (push, schedule, data, manual, monitor:RULE). */
  record Request(long id, String pipeline, String trigger, String cause, Instant requestedAt,
      Optional<Long> runId) {
  }

  /** Queues a run of {@code pipeline}, or joins the one already waiting; returns the request's id. */
  long request(String pipeline, String trigger, String cause, Instant at);

  /** The oldest waiting request of {@code pipeline}, if any. */
  Optional<Request> waiting(String pipeline);

  /** Marks a request as started by run {@code runId}. */
  void started(long requestId, long runId);

  /**
   * Takes a waiting request off the queue without running it ({@code kiln watch} does, for a monitor
   * rule the pipeline's {@code on: monitor} does not accept), saying why.
   */
  default void dismiss(long requestId, String reason, Instant at) {
    throw new UnsupportedOperationException("this run queue cannot dismiss requests");
  }

  /** Requests of {@code pipeline} asked for at or after {@code since}, oldest first. */
  List<Request> since(String pipeline, Instant since);
}
