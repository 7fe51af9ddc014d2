package dev.kiln.serve.drift;

import dev.kiln.model.features.Columns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The windows of one served version: the open one (from its first row), which closes when it
 * holds {@link DriftOptions#maxRows()} rows — a request's rows are split at the limit, so a
 * window holds exactly that many — or, at a {@link #tick}, when it is {@link DriftOptions#window()}
 * old and holds {@link DriftOptions#minRows()} rows; and the last closed one, tested.
 */
final class VersionMonitor {
  private final String model;
  private final int version;
  private final VersionReference reference;
  private final DriftOptions options;
  private Window open;
  private volatile DriftWindow last;

  VersionMonitor(String model, int version, VersionReference reference, DriftOptions options) {
    this.model = model;
    this.version = version;
    this.reference = reference;
    this.options = options;
  }

  VersionReference reference() {
    return reference;
  }

  /** Counts a request's rows; returns the windows they closed, to test off the request's thread. */
  synchronized List<Window> add(Columns in, Outputs out, int rows, Instant now) {
    List<Window> closed = List.of();
    int from = 0;
    while (from < rows) {
      if (open == null) {
        open = new Window(reference, now);
      }
      int take = (int) Math.min(rows - from, options.maxRows() - open.rows());
      open.add(in, out, from, from + take);
      from += take;
      if (open.rows() >= options.maxRows()) {
        closed = closed.isEmpty() ? new ArrayList<>() : closed;
        closed.add(open);
        open = null;
      }
    }
    return closed;
  }

  /** The open window when its time is up and it holds enough rows; it is closed then. */
  synchronized Optional<Window> due(Instant now) {
    if (open == null || open.rows() < options.minRows()
        || open.start().plus(options.window()).isAfter(now)) {
      return Optional.empty();
    }
    Window w = open;
    open = null;
    return Optional.of(w);
  }

  DriftWindow close(Window w, Instant end) {
    DriftWindow d = w.test(model, version, end);
    last = d;
    return d;
  }

  /** The open window tested as it stands (a copy, so counting goes on), if it has rows. */
  Optional<DriftWindow> current(Instant now) {
    Window copy;
    synchronized (this) {
      copy = open == null ? null : open.copy();
    }
    return Optional.ofNullable(copy).map(w -> w.test(model, version, now));
  }

  Optional<DriftWindow> last() {
    return Optional.ofNullable(last);
  }

  String model() {
    return model;
  }

  int version() {
    return version;
  }
}
