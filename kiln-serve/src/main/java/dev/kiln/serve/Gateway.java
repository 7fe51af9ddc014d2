package dev.kiln.serve;

import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.http.HttpGateway;
import dev.kiln.serve.http.Monitoring;
import dev.kiln.serve.metrics.GatewayMetrics;
import dev.kiln.serve.requestlog.RequestLog;
import dev.kiln.serve.route.Deployment;
import dev.kiln.serve.route.LoadRefusedException;
import dev.kiln.serve.route.Router;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.route.VersionLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running inference gateway: an HTTP server (both protocols, metrics) over a {@link Router}.
 * {@link #deploy} loads a bundle beside what is serving — verified, loaded, warmed up — and then
 * swaps it in atomically; a bundle that fails any of that is refused and the serving version
 * keeps serving. {@link #close} drains: no new connections, requests in flight finish, then the
 * server and every model close.
 */
public final class Gateway implements AutoCloseable {
  private final GatewayOptions options;
  private final Router router = new Router();
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final VersionLoader loader;
  private final HttpGateway http;
  private final Optional<LiveDrift> drift;
  private final Optional<RequestLog> requestLog;
  private final ScheduledExecutorService monitorThread;
  private final dev.kiln.serve.feedback.Feedback feedback;
  private final java.util.concurrent.ScheduledExecutorService ticker;
  private final Consumer<String> log;
  private final int port;
  private volatile boolean closed;

  private Gateway(GatewayOptions options, java.time.Clock clock, Consumer<String> log) {
    this.options = options;
    this.log = log;
    this.loader = new VersionLoader(options.batching());
    this.monitorThread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-drift");
      t.setDaemon(true);
      return t;
    });
    this.drift = options.drift().enabled() ? Optional.of(liveDrift(options)) : Optional.empty();
    this.requestLog = requestLog(options);
    this.feedback = new dev.kiln.serve.feedback.Feedback(options.feedback(), clock);
    this.http = HttpGateway.of(router, options.limits(), options.threshold(), metrics, () -> !closed,
        new Monitoring(drift, requestLog), feedback);
    this.port = http.start(options.host(), options.port());
    this.ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-feedback-windows");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(feedback::tick, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private LiveDrift liveDrift(GatewayOptions o) {
    LiveDrift d = new LiveDrift(o.drift(), Clock.systemUTC(), o.threshold(), monitorThread);
    d.addListener(w -> {
      w.features().forEach(f -> metrics.drift(w.model(), w.version(), f.feature(), f.test(), f.statistic(), f.drifted(),
          f.psi()));
      w.prediction().ifPresent(f -> metrics.drift(w.model(), w.version(), "", f.test(), f.statistic(), f.drifted(),
          f.psi()));
    });
    monitorThread.scheduleAtFixedRate(d::tick, 1, 1, TimeUnit.SECONDS);
    return d;
  }

  private static Optional<RequestLog> requestLog(GatewayOptions o) {
    if (!o.requestLog().enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RequestLog.start(o.requestLog(), Clock.systemUTC(), o.threshold()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the request log in " + o.requestLog().dir().orElseThrow()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Live drift of every served version (empty with drift off): add a listener to receive each
   * closed window.
   */
  public Optional<LiveDrift> drift() {
    return drift;
  }

  /** The request log, when one was asked for. */
  public Optional<RequestLog> requestLog() {
    return requestLog;
  }

  /** Starts listening (not ready until a version is deployed). */
  public static Gateway start(GatewayOptions options, Consumer<String> log) {
    return start(options, java.time.Clock.systemUTC(), log);
  }

  /** Starts listening, with time (of the journal and the accuracy windows) from {@code clock}. */
  public static Gateway start(GatewayOptions options, java.time.Clock clock, Consumer<String> log) {
    return new Gateway(options, clock, log);
  }

  /** Late labels and live accuracy: listeners for closed accuracy windows, snapshots. */
  public dev.kiln.serve.feedback.Feedback feedback() {
    return feedback;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://" + options.host() + ":" + port;
  }

  public Router router() {
    return router;
  }

  /** Each version's live figures, for the rollout controller's analysis. */
  public dev.kiln.serve.metrics.LiveWindows windows() {
    return metrics.windows();
  }

  /** Each version's live figures over the monitor's window (taken by the monitor alone). */
  public dev.kiln.serve.metrics.LiveWindows monitorWindows() {
    return metrics.monitorWindows();
  }

  /** The version serving {@code model} now (the first route of its deployment). */
  public Optional<ServedVersion> serving(String model) {
    return router.table().deployment(model).map(d -> d.versions().get(0));
  }

  /** Loads, verifies and warms up a bundle, then makes it the only version of its model. */
  public ServedVersion deploy(Path bundle) throws LoadRefusedException {
    long start = System.nanoTime();
    ServedVersion v = loadQuietly(bundle);
    router.deploy(Deployment.single(v)).forEach(this::retired);
    metrics.load(v.model(), "swapped");
    log.accept("serving " + v + " (" + v.platform() + "; verified, loaded and warmed up in " + millis(start) + " ms)");
    return v;
  }

  /** Loads, verifies and warms up a bundle beside what is serving, without routing to it yet. */
  public ServedVersion load(Path bundle) throws LoadRefusedException {
    long start = System.nanoTime();
    ServedVersion v = loadQuietly(bundle);
    log.accept("loaded " + v + " (" + v.platform() + "; verified, loaded and warmed up in " + millis(start) + " ms)");
    return v;
  }

  /**
   * Makes {@code d} its model's traffic policy, atomically; the versions it no longer holds
   * retire and close after their last request.
   */
  public void route(Deployment d) {
    router.deploy(d).forEach(this::retired);
    metrics.load(d.model(), "swapped");
    log.accept("routing " + d.describe());
  }

  private ServedVersion loadQuietly(Path bundle) throws LoadRefusedException {
    try {
      return loader.load(bundle);
    } catch (LoadRefusedException e) {
      metrics.load(modelOf(bundle), "refused");
      throw e;
    }
  }

  private void retired(ServedVersion old) {
    drift.ifPresent(d -> d.forget(old.model(), old.version()));
    metrics.forgetDrift(old.model(), old.version());
    log.accept("retired " + old + " (closes after its last request)");
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String modelOf(Path bundle) {
    try {
      String model = dev.kiln.release.bundle.BundleInfo.read(bundle).model();
      return model == null ? "" : model;
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /** Drains and stops; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ticker.shutdownNow();
    http.drain(options.drainTimeout());
    router.retireAll();
    monitorThread.shutdownNow();
    requestLog.ifPresent(RequestLog::close);
  }
}
