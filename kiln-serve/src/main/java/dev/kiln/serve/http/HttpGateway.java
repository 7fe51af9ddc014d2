package dev.kiln.serve.http;

import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.serve.input.ClientError;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.NetworkConnector;

/**
 * The gateway's HTTP server (Javalin on Jetty): both protocols' routes, {@code /metrics}, the
 * request id and model headers on every response, metrics per exchange, and errors in the
 * protocol's JSON — a client's mistake is a 4xx naming it; a failure of the gateway itself a 500
 * with a message and the request id, never a stack trace. {@link #drain} stops accepting
 * connections, lets the requests in flight finish, then stops.
 */
public final class HttpGateway {
  private final Serving serving;
  private static final long SETTLE_MILLIS = 250;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;
  private Javalin app;

  HttpGateway(Serving serving) {
    this.serving = serving;
  }

  /** A gateway over these parts; readiness also needs the gateway not to be draining. */
  public static HttpGateway of(dev.kiln.serve.route.Router router, dev.kiln.serve.input.Limits limits, double threshold,
      dev.kiln.serve.metrics.GatewayMetrics metrics, java.util.function.BooleanSupplier live) {
    return of(router, limits, threshold, metrics, live, Monitoring.OFF, defaultFeedback());
  }

  /** With live drift and the request log watching the answered requests. */
  public static HttpGateway of(dev.kiln.serve.route.Router router, dev.kiln.serve.input.Limits limits, double threshold,
      dev.kiln.serve.metrics.GatewayMetrics metrics, java.util.function.BooleanSupplier live, Monitoring monitoring) {
    return of(router, limits, threshold, metrics, live, monitoring, defaultFeedback());
  }

  /** A gateway over these parts, journaling its predictions for {@code feedback}'s late labels. */
  public static HttpGateway of(dev.kiln.serve.route.Router router, dev.kiln.serve.input.Limits limits, double threshold,
      dev.kiln.serve.metrics.GatewayMetrics metrics, java.util.function.BooleanSupplier live,
      dev.kiln.serve.feedback.Feedback feedback) {
    return of(router, limits, threshold, metrics, live, Monitoring.OFF, feedback);
  }

  /** With live drift, the request log and the feedback journal watching the answered requests. */
  public static HttpGateway of(dev.kiln.serve.route.Router router, dev.kiln.serve.input.Limits limits, double threshold,
      dev.kiln.serve.metrics.GatewayMetrics metrics, java.util.function.BooleanSupplier live, Monitoring monitoring,
      dev.kiln.serve.feedback.Feedback feedback) {
    HttpGateway[] self = new HttpGateway[1];
    self[0] = new HttpGateway(new Serving(router, limits, threshold, metrics, ServerInfo.current(),
        () -> live.getAsBoolean() && !self[0].draining, new Shadowing(router, metrics, threshold, monitoring.drift()),
        monitoring, feedback));
    return self[0];
  }

  /** Starts listening; returns the port (useful with port 0). */
  public int start(String host, int port) {
    app = Javalin.create(this::configure).start(host, port);
    return app.port();
  }

  private void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.http.prefer405over404 = true;
    c.http.maxRequestSize = serving.limits().maxBodyBytes();
    c.router.ignoreTrailingSlashes = true;
    c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    c.routes.before(this::begin);
    c.routes.after(this::end);
    new V2Routes(serving).register(c.routes);
    new MlflowRoutes(serving).register(c.routes);
    new MonitorRoutes(serving).register(c.routes);
    new FeedbackRoutes(serving).register(c.routes);
    c.routes.get("/metrics", ctx -> {
      Exchange.endpoint(ctx, "metrics");
      ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(serving.metrics().scrape());
    });
    c.routes.exception(ClientError.class, (e, ctx) -> error(ctx, e.status(), Protocol.of(ctx.path()).error(e)));
    c.routes.exception(SignatureMismatchException.class, (e, ctx) -> error(ctx, 400,
        Protocol.of(ctx.path()).error(400, "wrong_type", null, e.getMessage())));
    c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        Protocol.of(ctx.path()).error(e.getStatus(), problem(e.getStatus()), null, describe(ctx, e))));
    c.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
  }

  private void begin(Context ctx) {
    inFlight.incrementAndGet();
    Exchange.begin(ctx);
  }

  private void end(Context ctx) {
    try {
      var v = Exchange.served(ctx);
      serving.metrics().request(v == null ? "" : v.model(), v == null ? "" : Integer.toString(v.version()),
          Exchange.endpoint(ctx), ctx.statusCode(), System.nanoTime() - Exchange.start(ctx), Exchange.bytesIn(ctx),
          Exchange.bytesOut(ctx));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void error(Context ctx, int status, byte[] body) {
    Serving.json(ctx, status, body);
  }

  private static String problem(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> "malformed";
    };
  }

  private String describe(Context ctx, HttpResponseException e) {
    String path = ctx.path().length() > 80 ? ctx.path().substring(0, 77) + "..." : ctx.path();
    return switch (e.getStatus()) {
      case 404 -> "no such endpoint: " + ctx.method() + " " + path + " (see /v2 and /invocations)";
      case 405 -> ctx.method() + " is not allowed on " + path;
      case 413 -> "the request body is larger than this gateway takes (" + serving.limits().maxBodyBytes()
          + " bytes, --max-body)";
      default -> e.getMessage();
    };
  }

  private static void internal(Context ctx, Exception e) {
    String id = Exchange.requestId(ctx);
    System.err.println("kiln gateway: request " + id + " failed: " + dev.kiln.core.Failures.describe(e));
    error(ctx, 500, Protocol.of(ctx.path()).error(500, "internal", null, "the gateway failed to answer request "
        + id + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Stops accepting new connections, waits up to {@code timeout} for requests in flight, then stops the server. */
  public void drain(Duration timeout) {
    serving.shadowing().close();
    draining = true;
    if (app == null) {
      return;
    }
    for (var c : app.jettyServer().server().getConnectors()) {
      if (c instanceof NetworkConnector n) {
        n.close();
      }
    }
    long end = System.nanoTime() + timeout.toNanos();
    settle(end);
    while (inFlight.get() > 0 && System.nanoTime() < end) {
      sleep();
    }
    settle(end);
    app.stop();
  }

  /**
   * A pause of {@link #SETTLE_MILLIS}: for requests accepted before the socket closed to reach the
   * handlers (and be counted), and for the last answers to be written after their handlers return.
   */
  private static void settle(long end) {
    long until = Math.min(end, System.nanoTime() + SETTLE_MILLIS * 1_000_000L);
    while (System.nanoTime() < until) {
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static dev.kiln.serve.feedback.Feedback defaultFeedback() {
    return new dev.kiln.serve.feedback.Feedback(dev.kiln.serve.feedback.FeedbackOptions.DEFAULT,
        java.time.Clock.systemUTC());
  }
}
