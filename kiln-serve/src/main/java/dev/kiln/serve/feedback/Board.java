package dev.kiln.serve.feedback;

import dev.kiln.model.signature.Task;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One version's labelled predictions, in label-arrival order, at most {@code maxLabels} of them
 * (the oldest drop out past it, counted): the rows of its cumulative metrics since it started
 * serving, and of the open window of label-arrival time, which closes when the clock passes its
 * end. Windows are aligned to multiples of their length since the epoch. Guarded by {@link Feedback}'s lock.
 */
final class Board {
  final String model;
  final int version;
  final Task task;
  final long since;
  private final int maxLabels;
  private final long window;
  private final ArrayDeque<Outcome> outcomes = new ArrayDeque<>();
  private long labels;
  private long dropped;
  private long windowStart = -1;
  private AccuracyWindow lastClosed;

  Board(String model, int version, Task task, long since, int maxLabels, long window) {
    this.model = model;
    this.version = version;
    this.task = task;
    this.since = since;
    this.maxLabels = maxLabels;
    this.window = window;
  }

  void add(Outcome o) {
    if (windowStart < 0) {
      windowStart = Math.floorDiv(o.at(), window) * window;
    }
    outcomes.addLast(o);
    labels++;
    if (outcomes.size() > maxLabels) {
      outcomes.removeFirst();
      dropped++;
    }
  }

  /** Closes the open window when {@code now} is past its end: its figures, if it holds labels. */
  Optional<AccuracyWindow> close(long now) {
    if (windowStart < 0 || now < windowStart + window) {
      return Optional.empty();
    }
    long start = windowStart;
    List<Outcome> rows = inWindow(start);
    windowStart = -1;
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    lastClosed = new AccuracyWindow(model, version, Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(start + window), rows.size(), LiveMetrics.of(task, rows).metrics());
    return Optional.of(lastClosed);
  }

  /** The last window closed with labels. */
  Optional<AccuracyWindow> lastClosed() {
    return Optional.ofNullable(lastClosed);
  }

  /** The outcomes whose labels arrived since {@code start} (the newest are last in the deque). */
  private List<Outcome> inWindow(long start) {
    List<Outcome> rows = new ArrayList<>();
    Iterator<Outcome> it = outcomes.descendingIterator();
    while (it.hasNext()) {
      Outcome o = it.next();
      if (o.at() < start) {
        break;
      }
      rows.add(o);
    }
    Collections.reverse(rows);
    return rows;
  }

  List<Outcome> openWindow() {
    return windowStart < 0 ? List.of() : inWindow(windowStart);
  }

  long windowStart() {
    return windowStart;
  }

  long windowEnd() {
    return windowStart + window;
  }

  List<Outcome> all() {
    return List.copyOf(outcomes);
  }

  long labels() {
    return labels;
  }

  long dropped() {
    return dropped;
  }
}
