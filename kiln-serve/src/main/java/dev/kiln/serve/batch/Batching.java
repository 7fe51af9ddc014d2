package dev.kiln.serve.batch;

import dev.kiln.model.predict.Predictor;

/**
 * Whether and how a served version batches concurrent requests: off (each request predicts on
 * its own thread), or through a {@link MicroBatcher} with at most {@code maxRows} rows per
 * batch, {@code maxWaitMicros} of waiting for requests in flight, and {@code threads} workers.
 */
public record Batching(boolean enabled, int maxRows, long maxWaitMicros, int threads) {
  public static final Batching OFF = new Batching(false, 1, 0, 1);

  public Batching {
    if (maxRows < 1 || maxWaitMicros < 0 || threads < 1) {
      throw new IllegalArgumentException("batching needs at least one row and one thread, and a wait of 0 µs or more");
    }
  }

  /** On, with the defaults: 256 rows, 200 µs, one worker per two cores. */
  public static Batching on() {
    return new Batching(true, 256, 200, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  public Predicting over(Predictor predictor, String name) {
    return enabled ? new MicroBatcher(predictor, maxRows, maxWaitMicros, threads, name) : Predicting.direct(predictor);
  }
}
