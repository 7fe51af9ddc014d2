package dev.kiln.serve.monitor;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.metrics.LiveWindows;
import dev.kiln.serve.metrics.WindowFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Puts together the {@link MonitorWindow}s of one model in one environment from what the gateway
 * measures on its own schedules: each closed drift window of a version (by time or by count)
 * closes that version's monitor window at once (with its drift and the predictions' distribution),
 * with the requests, errors and latency since its
 * last one ({@link LiveWindows}, the monitor's own) and the live accuracy of the latest labels
 * window that closed meanwhile. A version with no drift window due — no reference profile, or
 * drift off — closes a traffic-only window every {@code period}; one whose drift window is late
 * (too few rows) does so after two periods, so error-rate and latency rules are judged anyway.
 */
public final class WindowAssembler {
  private final String environment;
  private final String model;
  private final LiveWindows traffic;
  private final Duration period;
  private final Clock clock;
  private final IntPredicate driftWatched;
  private final Consumer<MonitorWindow> out;
  private final Map<Integer, Instant> opened = new HashMap<>();
  private final Map<Integer, Accuracy> accuracy = new HashMap<>();

  private record Accuracy(long labels, Map<String, Double> metrics) {}

  public WindowAssembler(String environment, String model, LiveWindows traffic, Duration period, Clock clock,
      IntPredicate driftWatched, Consumer<MonitorWindow> out) {
    this.environment = environment;
    this.model = model;
    this.traffic = traffic;
    this.period = period;
    this.clock = clock;
    this.driftWatched = driftWatched;
    this.out = out;
  }

  /** A closed drift window: closes its version's monitor window now. */
  public void drift(DriftWindow w) {
    if (w.model().equals(model)) {
      emit(w.version(), w.features(), w.prediction(), w.distribution());
    }
  }

  /** The live accuracy of a closed window of labels; it goes into the version's next monitor window. */
  public synchronized void accuracy(String model, int version, long labels, Map<String, Double> metrics) {
    if (model.equals(this.model)) {
      accuracy.put(version, new Accuracy(labels, Map.copyOf(metrics)));
    }
  }

  /** Opens windows for versions that started serving and closes traffic-only windows that are due. */
  public void tick(Collection<Integer> serving) {
    Instant now = clock.instant();
    for (int v : serving) {
      Instant since = open(v, now);
      Duration age = Duration.between(since, now);
      if (age.compareTo(driftWatched.test(v) ? period.multipliedBy(2) : period) >= 0) {
        emit(v, List.of(), Optional.empty(), Optional.empty());
      }
    }
    synchronized (this) {
      opened.keySet().retainAll(serving);
      accuracy.keySet().retainAll(serving);
    }
  }

  private synchronized Instant open(int version, Instant now) {
    Instant since = opened.get(version);
    if (since == null) {
      traffic.take(model, version);
      opened.put(version, now);
      return now;
    }
    return since;
  }

  private void emit(int version, List<FeatureDrift> features, Optional<FeatureDrift> prediction,
      Optional<PredictionDistribution> distribution) {
    MonitorWindow w;
    synchronized (this) {
      Instant now = clock.instant();
      Instant start = opened.getOrDefault(version, now);
      WindowFigures t = traffic.take(model, version);
      opened.put(version, now);
      Accuracy a = accuracy.remove(version);
      w = new MonitorWindow(environment, model, Integer.toString(version), start, now, t.requests(), t.errors(),
          t.p50Millis(), t.p99Millis(), features, prediction, a == null ? 0 : a.labels(),
          a == null ? Map.of() : a.metrics(), distribution);
    }
    out.accept(w);
  }
}
