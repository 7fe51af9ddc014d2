package dev.kiln.model.latency;

import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictor;
import java.util.Arrays;

/**
 * Measures a predictor in this process: single-row calls (encode and predict one row, as a
 * server would) after a warm-up, timed one by one with {@link System#nanoTime()}, reported as
 * percentiles with linear interpolation (numpy's default); then whole-batch predictions
 * repeated until {@code batchMillis} have passed, reported as the median rows per second.
 */
public final class LatencyProbe {
  private final int warmup;
  private final int calls;
  private final long batchMillis;

  public LatencyProbe(int warmup, int calls, long batchMillis) {
    if (calls < 1 || warmup < 0 || batchMillis < 0) {
      throw new IllegalArgumentException("latency probe needs at least one call");
    }
    this.warmup = warmup;
    this.calls = calls;
    this.batchMillis = batchMillis;
  }

  public static LatencyProbe standard() {
    return new LatencyProbe(500, 2000, 1500);
  }

  public LatencyResult measure(Predictor p, Columns data) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException("latency needs at least one row of data");
    }
    Columns[] rows = singleRows(data, Math.min(data.rows(), 256));
    for (int i = 0; i < warmup; i++) {
      p.predict(rows[i % rows.length]);
    }
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      p.predict(rows[i % rows.length]);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    double mean = Arrays.stream(ms).average().orElse(0);
    return new LatencyResult(calls, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), mean, data.rows(),
        throughput(p, data));
  }

  private static Columns[] singleRows(Columns data, int n) {
    Columns[] rows = new Columns[n];
    for (int i = 0; i < n; i++) {
      rows[i] = data.slice(i, i + 1);
    }
    return rows;
  }

  private double throughput(Predictor p, Columns data) {
    p.predict(data);
    double[] rates = new double[64];
    int runs = 0;
    long end = System.nanoTime() + batchMillis * 1_000_000;
    do {
      long t0 = System.nanoTime();
      p.predict(data);
      rates[runs++] = data.rows() / ((System.nanoTime() - t0) / 1e9);
    } while (runs < rates.length && (runs < 3 || System.nanoTime() < end));
    double[] done = Arrays.copyOf(rates, runs);
    Arrays.sort(done);
    return percentile(done, 50);
  }

  /** Percentile of sorted values with linear interpolation between closest ranks. */
  static double percentile(double[] sorted, double q) {
    double pos = q / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
