package dev.kiln.serve.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one version answered since the window opened: requests and server errors (5xx; a client's
 * bad request, 4xx, is not the version's doing and is not counted at all), a latency histogram (log buckets 5% wide, from 1 µs
 * to a minute), a sample of its scores (the first {@value #SCORES} of the window) and, for a
 * shadow, how many rows agreed with the primary's answers and by how much the scores differed, and
 * how many rows it decided for each class. Lock-free:
 * requests record concurrently; the controller replaces the whole window when it reads one.
 */
final class LiveWindow {
  static final int SCORES = 8192;
  private static final double GROWTH = Math.log(1.05);
  private static final int BUCKETS = (int) Math.ceil(Math.log(60e6) / GROWTH) + 1;
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
  private final AtomicLong scored = new AtomicLong();
  private final AtomicLongArray scores = new AtomicLongArray(SCORES);
  private final LongAdder agreed = new LongAdder();
  private final LongAdder compared = new LongAdder();
  private final java.util.concurrent.atomic.DoubleAdder deltas = new java.util.concurrent.atomic.DoubleAdder();
  private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> classes =
      new java.util.concurrent.ConcurrentHashMap<>();

  void request(int status, long nanos) {
    if (status >= 400 && status < 500) {
      return;
    }
    requests.increment();
    if (status >= 500) {
      errors.increment();
    }
    double micros = Math.max(1, nanos / 1e3);
    latency.incrementAndGet(Math.min(BUCKETS - 1, (int) (Math.log(micros) / GROWTH)));
  }

  void score(double value) {
    long i = scored.getAndIncrement();
    if (i < SCORES) {
      scores.set((int) i, Double.doubleToRawLongBits(value));
    }
  }

  void agreement(int rowsAgreed, int rows, double scoreDeltas) {
    agreed.add(rowsAgreed);
    compared.add(rows);
    deltas.add(scoreDeltas);
  }

  void decided(String cls) {
    classes.computeIfAbsent(cls, c -> new LongAdder()).increment();
  }

  WindowFigures figures() {
    long n = requests.sum();
    int kept = (int) Math.min(SCORES, scored.get());
    double[] s = new double[kept];
    for (int i = 0; i < kept; i++) {
      s[i] = Double.longBitsToDouble(scores.get(i));
    }
    Arrays.sort(s);
    java.util.Map<String, Long> decided = new java.util.TreeMap<>();
    classes.forEach((c, count) -> decided.put(c, count.sum()));
    return new WindowFigures(n, errors.sum(), quantileMillis(0.99), s, agreed.sum(), compared.sum(), deltas.sum(), decided,
        quantileMillis(0.5));
  }

  /** The upper edge of the bucket holding quantile {@code q}, in ms; NaN with no requests. */
  private double quantileMillis(double q) {
    long total = 0;
    long[] counts = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = latency.get(i);
      total += counts[i];
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(total * q));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.exp((i + 1) * GROWTH) / 1e3;
      }
    }
    return Math.exp(BUCKETS * GROWTH) / 1e3;
  }
}
