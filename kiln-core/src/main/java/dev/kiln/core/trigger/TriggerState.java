package dev.kiln.core.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code kiln watch} last saw, per pipeline: the last commit of each watched branch, the last
 * slot each schedule fired for, the last content hash of each watched data path. Kept in the
 * metadata store, so a restarted watcher neither triggers again what it already triggered nor misses
 * what happened while it was down. {@link #fire} queues a run and moves the marks in one transaction.
 */
public interface TriggerState {
  /** What a mark is about. */
  enum Kind { BRANCH, SCHEDULE, DATA }

  /** One thing seen: the branch's commit, the schedule's last slot (ISO instant), the path's digest. */
  record Mark(Kind kind, String key, String value) {}

  /** The marks of one kind, by key. */
  Map<String, String> marks(String pipeline, Kind kind);

  /** Records marks without queueing anything (what was there when watching began, or an ignored change). */
  void mark(String pipeline, List<Mark> marks, Instant at);

  /**
   * Queues a run of {@code pipeline} (or joins the waiting one, as {@link dev.kiln.core.runs.RunQueue#request})
   * and records {@code marks}, atomically; returns the request's id.
   */
  long fire(String pipeline, String trigger, String cause, Instant at, List<Mark> marks);
}
