package dev.kiln.serve.drift;

import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.route.ServedVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The gateway's live drift: per served version, a sketch of every input feature and of the
 * predictions over windows that close by count and by time ({@link DriftOptions}); each closed
 * window is tested against the version's reference profile with kiln-stats' drift code — the
 * tests, defaults and thresholds of {@code kiln validate --profile} — and handed to the
 * listeners. Requests only count (a binary search per numeric value); closing, testing and the
 * listeners run on {@code closer}, never on a request's thread. Time comes from {@code clock}:
 * {@link #tick} closes the windows whose time is up, and the gateway calls it every second.
 * Memory per version is fixed by its profile (see {@link #cells}), whatever the traffic.
 */
public final class LiveDrift {
  private final DriftOptions options;
  private final Clock clock;
  private final double threshold;
  private final Executor closer;
  private final ConcurrentHashMap<String, VersionMonitor> versions = new ConcurrentHashMap<>();
  private final List<Consumer<DriftWindow>> listeners = new CopyOnWriteArrayList<>();

  public LiveDrift(DriftOptions options, Clock clock, double threshold, Executor closer) {
    this.options = options;
    this.clock = clock;
    this.threshold = threshold;
    this.closer = closer;
  }

  public DriftOptions options() {
    return options;
  }

  /** Called with every closed window, on the closing thread; a failing listener does not stop the others. */
  public void addListener(Consumer<DriftWindow> listener) {
    listeners.add(listener);
  }

  /** Counts what {@code v} was asked and answered. */
  public void record(ServedVersion v, Columns rows, Predictions p) {
    VersionMonitor m = monitor(v);
    if (m.reference().features().isEmpty() && m.reference().prediction().isEmpty()) {
      return;
    }
    List<Window> closed = m.add(rows, new Outputs(p, v.task(), threshold), rows.rows(), clock.instant());
    for (Window w : closed) {
      Instant end = clock.instant();
      closer.execute(() -> emit(m.close(w, end)));
    }
  }

  /** Closes the windows whose time is up (and that hold enough rows). */
  public void tick() {
    Instant now = clock.instant();
    for (VersionMonitor m : versions.values()) {
      m.due(now).ifPresent(w -> closer.execute(() -> emit(m.close(w, now))));
    }
  }

  /** Stops watching a version that no longer serves. */
  public void forget(String model, int version) {
    versions.remove(key(model, version));
  }

  /** Every watched version: its open window tested as it stands and its last closed window. */
  public List<VersionStatus> status() {
    Instant now = clock.instant();
    return versions.values().stream()
        .sorted(Comparator.comparing(VersionMonitor::model).thenComparing(VersionMonitor::version))
        .map(m -> new VersionStatus(m.model(), m.version(), m.reference().skipped(), m.reference().cells(),
            m.current(now), m.last()))
        .toList();
  }

  /** A version's windows as {@code GET /monitor} shows them. */
  public record VersionStatus(String model, int version, List<String> skipped, int cells,
      Optional<DriftWindow> current, Optional<DriftWindow> last) {}

  /** The counts a window of {@code model:version} keeps (8 bytes each), or empty when it is not watched. */
  public Optional<Integer> cells(String model, int version) {
    return Optional.ofNullable(versions.get(key(model, version))).map(m -> m.reference().cells());
  }

  private VersionMonitor monitor(ServedVersion v) {
    VersionMonitor m = versions.get(key(v.model(), v.version()));
    return m != null ? m : versions.computeIfAbsent(key(v.model(), v.version()), k -> new VersionMonitor(v.model(),
        v.version(), VersionReference.of(v.schema(), v.referenceProfile(), v.label(), v.task()), options));
  }

  private void emit(DriftWindow w) {
    for (Consumer<DriftWindow> l : listeners) {
      try {
        l.accept(w);
      } catch (RuntimeException e) {
        System.err.println("kiln gateway: a drift listener failed on " + w.model() + ":" + w.version() + ": "
            + dev.kiln.core.Failures.describe(e));
      }
    }
  }

  private static String key(String model, int version) {
    return model + ":" + version;
  }
}
