package dev.kiln.serve.http;

import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.control.Agreement;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.metrics.GatewayMetrics;
import dev.kiln.serve.route.Deployment;
import dev.kiln.serve.route.Lease;
import dev.kiln.serve.route.Router;
import dev.kiln.serve.route.ServedVersion;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Copies a share of answered requests to their model's mirror (a shadow), on one thread of its
 * own behind a bounded queue: the copy is parsed against the mirror's own signature, predicted,
 * measured (endpoint {@code shadow}) and compared with what the primary answered (agreement),
 * its rows and answer counted by live drift for the mirror, and its answer is discarded. A full queue drops the copy and counts it
 * ({@code kiln_shadow_dropped_total}); the primary's request never waits for the shadow.
 */
final class Shadowing {
  static final int QUEUE = 1024;
  private final Router router;
  private final GatewayMetrics metrics;
  private final double threshold;
  private final ThreadPoolExecutor pool;
  private final Optional<LiveDrift> drift;

  Shadowing(Router router, GatewayMetrics metrics, double threshold) {
    this(router, metrics, threshold, Optional.empty());
  }

  /** With live drift counting what the shadow was asked and answered, as it counts a primary's. */
  Shadowing(Router router, GatewayMetrics metrics, double threshold, Optional<LiveDrift> drift) {
    this.router = router;
    this.metrics = metrics;
    this.threshold = threshold;
    this.drift = drift;
    this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "kiln-shadow");
      t.setDaemon(true);
      return t;
    });
  }

  /** After {@code primary} answered: maybe a copy to the mirror, whose rows {@code parse} reads from the same body. */
  void copy(ServedVersion primary, Predictions answered, Function<ServedVersion, Columns> parse) {
    Optional<Deployment.Mirror> m = router.table().deployment(primary.model()).flatMap(Deployment::mirror);
    if (m.isEmpty() || ThreadLocalRandom.current().nextInt(100) >= m.get().percent()) {
      return;
    }
    int version = m.get().version().version();
    try {
      pool.execute(() -> answer(primary, answered, version, parse));
    } catch (RejectedExecutionException e) {
      metrics.shadowDropped(primary.model(), version);
    }
  }

  private void answer(ServedVersion primary, Predictions answered, int version, Function<ServedVersion, Columns> parse) {
    long start = System.nanoTime();
    int status = 200;
    try (Lease l = router.lease(primary.model(), OptionalInt.of(version), 0)) {
      ServedVersion v = l.version();
      Columns rows = parse.apply(v);
      Predictions p = v.predict(rows);
      metrics.predictions(v.model(), v.version(), v.task(), p, threshold);
      drift.ifPresent(d -> d.record(v, rows, p));
      metrics.agreement(v.model(), v.version(), Agreement.rows(answered, primary.task(), p, v.task(), threshold),
          answered.rows(), Agreement.scoreDeltas(answered, primary.task(), p, v.task()));
    } catch (ClientError e) {
      status = e.status() == 404 ? 0 : e.status();
    } catch (RuntimeException e) {
      status = 500;
    }
    if (status != 0) {
      metrics.request(primary.model(), Integer.toString(version), "shadow", status, System.nanoTime() - start, 0, 0);
    }
  }

  void close() {
    pool.shutdownNow();
  }
}
