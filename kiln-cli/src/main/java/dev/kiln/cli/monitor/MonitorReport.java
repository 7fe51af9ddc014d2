package dev.kiln.cli.monitor;

import dev.kiln.release.monitor.Alert;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code kiln monitor report} shows of one environment over a period, arranged as series
 * over time: every feature's drift window by window, the predictions' drift and their
 * distribution per version, traffic and latency, live accuracy over the windows that got labels,
 * and the alerts. The JSON and HTML forms render this one arrangement, so they always agree.
 */
public record MonitorReport(String environment, Instant since, Instant until, List<MonitorWindow> windows,
    List<DriftSeries> features, Optional<DriftSeries> prediction, List<DistributionSeries> distributions,
    List<Alert> alerts) {

  public MonitorReport {
    windows = List.copyOf(windows);
    features = List.copyOf(features);
    distributions = List.copyOf(distributions);
    alerts = List.copyOf(alerts);
  }

  /** One window's drift of one feature (or of the predictions), with the version that served it. */
  public record DriftPoint(MonitorWindow window, FeatureDrift drift) {
    public Instant end() {
      return window.end();
    }

    public String version() {
      return window.version();
    }
  }

  /** A feature's drift over time, in window order. */
  public record DriftSeries(String name, List<DriftPoint> points) {
    public DriftSeries {
      points = List.copyOf(points);
    }

    public long driftedWindows() {
      return points.stream().filter(p -> p.drift().drifted()).count();
    }
  }

  /** One window's predictions on its version's cells. */
  public record DistributionPoint(MonitorWindow window, PredictionDistribution distribution) {}

  /**
   * The predictions' distribution of one version over time: its cells ({@code bins}) and their
   * reference counts, which stay as the version's reference profile has them, and each window's
   * counts, in window order.
   */
  public record DistributionSeries(String version, List<String> bins, List<Long> reference,
      List<DistributionPoint> points) {
    public DistributionSeries {
      bins = List.copyOf(bins);
      reference = List.copyOf(reference);
      points = List.copyOf(points);
    }

    public double[] referenceShares() {
      return points.get(0).distribution().referenceShares();
    }
  }

  /**
   * Arranges {@code windows} (oldest first) and {@code alerts} (newest first) as the ports return
   * them; features keep the order of the signature, as the first window that has them lists them.
   */
  public static MonitorReport of(String environment, Instant since, Instant until, List<MonitorWindow> windows,
      List<Alert> alerts) {
    Map<String, List<DriftPoint>> features = new LinkedHashMap<>();
    List<DriftPoint> prediction = new ArrayList<>();
    for (MonitorWindow w : windows) {
      for (FeatureDrift f : w.features()) {
        features.computeIfAbsent(f.feature(), k -> new ArrayList<>()).add(new DriftPoint(w, f));
      }
      w.prediction().ifPresent(p -> prediction.add(new DriftPoint(w, p)));
    }
    List<DriftSeries> series = new ArrayList<>();
    features.forEach((name, points) -> series.add(new DriftSeries(name, points)));
    return new MonitorReport(environment, since, until, windows, series,
        prediction.isEmpty() ? Optional.empty() : Optional.of(new DriftSeries("prediction", prediction)),
        distributions(windows), alerts);
  }

  /** A series per version (and per set of cells, should a version's ever change), in the order they first appear. */
  private static List<DistributionSeries> distributions(List<MonitorWindow> windows) {
    Map<List<Object>, List<DistributionPoint>> byVersion = new LinkedHashMap<>();
    for (MonitorWindow w : windows) {
      w.distribution().ifPresent(d -> byVersion.computeIfAbsent(List.of(label(w), d.bins(), d.reference()),
          k -> new ArrayList<>()).add(new DistributionPoint(w, d)));
    }
    List<DistributionSeries> out = new ArrayList<>();
    byVersion.forEach((key, points) -> {
      PredictionDistribution first = points.get(0).distribution();
      out.add(new DistributionSeries((String) key.get(0), first.bins(), first.reference(), points));
    });
    return out;
  }

  /** The versions that served, {@code model:version}, in the order they first closed a window. */
  public List<String> versions() {
    Set<String> out = new LinkedHashSet<>();
    windows.forEach(w -> out.add(label(w)));
    return List.copyOf(out);
  }

  /** The windows of one version ({@code model:version}). */
  public List<MonitorWindow> windowsOf(String version) {
    return windows.stream().filter(w -> label(w).equals(version)).toList();
  }

  /** Windows for which labels arrived: live accuracy is known for these only. */
  public List<MonitorWindow> labelled() {
    return windows.stream().filter(w -> w.labels() > 0).toList();
  }

  /** The names of the live metrics measured over any labelled window, sorted. */
  public List<String> metrics() {
    Set<String> out = new TreeSet<>();
    labelled().forEach(w -> out.addAll(w.accuracy().keySet()));
    return List.copyOf(out);
  }

  /** The start of the first window, or {@code since} when there is none. */
  public Instant from() {
    return windows.isEmpty() ? since : windows.stream().map(MonitorWindow::start).min(Instant::compareTo).orElseThrow();
  }

  /** The end of the last window, or {@code until} when there is none. */
  public Instant to() {
    return windows.isEmpty() ? until : windows.stream().map(MonitorWindow::end).max(Instant::compareTo).orElseThrow();
  }

  static String label(MonitorWindow w) {
    return w.model() + ":" + w.version();
  }
}
