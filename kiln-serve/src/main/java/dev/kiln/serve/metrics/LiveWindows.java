package dev.kiln.serve.metrics;

import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live figures of every version since its window opened, for the rollout controller's
 * analysis: {@link #take} returns a version's figures and opens a new window at once, so one
 * interval's requests are counted in exactly one analysis.
 */
public final class LiveWindows {
  private final ConcurrentHashMap<String, AtomicReference<LiveWindow>> windows = new ConcurrentHashMap<>();

  void request(String model, String version, int status, long nanos) {
    if (!model.isEmpty()) {
      window(model, version).request(status, nanos);
    }
  }

  void predictions(String model, int version, Task task, Predictions p, double threshold) {
    LiveWindow w = window(model, Integer.toString(version));
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      int pos = k.binary() ? k.positiveIndex() : -1;
      for (int r = 0; r < c.rows(); r++) {
        int d = c.decide(r, k, threshold);
        w.score(c.probabilities()[r][pos >= 0 ? pos : d]);
        w.decided(k.classes().get(d));
      }
    } else if (p instanceof Predictions.Scores s) {
      for (double v : s.values()) {
        w.score(v);
      }
    }
  }

  void agreement(String model, int version, int agreed, int rows, double scoreDeltas) {
    window(model, Integer.toString(version)).agreement(agreed, rows, scoreDeltas);
  }

  /** The figures of {@code model:version} since the last take, and a new window. */
  public WindowFigures take(String model, int version) {
    String key = key(model, Integer.toString(version));
    return windows.computeIfAbsent(key, k -> new AtomicReference<>(new LiveWindow())).getAndSet(new LiveWindow())
        .figures();
  }

  private LiveWindow window(String model, String version) {
    return windows.computeIfAbsent(key(model, version), k -> new AtomicReference<>(new LiveWindow())).get();
  }

  private static String key(String model, String version) {
    return model + ":" + version;
  }
}
