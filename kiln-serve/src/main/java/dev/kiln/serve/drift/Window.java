package dev.kiln.serve.drift;

import dev.kiln.model.features.Columns;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.stats.drift.Counts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open window of a version: a sketch per feature and one for the predictions, and the rows
 * counted since {@code start}. Not thread-safe: its {@link VersionMonitor} guards it.
 */
final class Window {
  private final VersionReference reference;
  private final Instant start;
  private final Sketch[] features;
  private final Sketch prediction;
  private long rows;

  Window(VersionReference reference, Instant start) {
    this.reference = reference;
    this.start = start;
    this.features = new Sketch[reference.features().size()];
    for (int i = 0; i < features.length; i++) {
      features[i] = reference.features().get(i).sketch();
    }
    this.prediction = reference.prediction().map(FeatureReference::sketch).orElse(null);
  }

  private Window(Window w) {
    this.reference = w.reference;
    this.start = w.start;
    this.features = new Sketch[w.features.length];
    for (int i = 0; i < features.length; i++) {
      features[i] = w.features[i].copy();
    }
    this.prediction = w.prediction == null ? null : w.prediction.copy();
    this.rows = w.rows;
  }

  Instant start() {
    return start;
  }

  long rows() {
    return rows;
  }

  /** Counts rows {@code [from, to)} of a request and what was predicted for them. */
  void add(Columns in, Outputs out, int from, int to) {
    List<FeatureReference> refs = reference.features();
    for (int f = 0; f < features.length; f++) {
      String name = refs.get(f).name();
      Sketch s = features[f];
      Optional<double[]> numbers = in.numbers(name);
      if (numbers.isPresent()) {
        double[] v = numbers.get();
        for (int r = from; r < to; r++) {
          s.add(v[r]);
        }
      } else if (in.has(name)) {
        String[] v = in.strings(name);
        for (int r = from; r < to; r++) {
          s.add(v[r]);
        }
      }
    }
    if (prediction != null) {
      for (int r = from; r < to; r++) {
        out.addTo(prediction, r);
      }
    }
    rows += to - from;
  }

  Window copy() {
    return new Window(this);
  }

  DriftWindow test(String model, int version, Instant end) {
    List<FeatureDrift> out = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      out.add(reference.features().get(i).test(features[i]));
    }
    if (prediction == null) {
      return new DriftWindow(model, version, start, end, rows, out, Optional.empty(), Optional.empty());
    }
    FeatureReference p = reference.prediction().get();
    Counts c = p.counts(prediction);
    return new DriftWindow(model, version, start, end, rows, out, Optional.of(p.test(prediction)),
        Optional.of(PredictionDistribution.of(c.labels(), c.reference(), c.current())));
  }
}
