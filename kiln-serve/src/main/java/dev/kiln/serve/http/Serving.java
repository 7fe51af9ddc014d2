package dev.kiln.serve.http;

import dev.kiln.serve.feedback.Feedback;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.metrics.GatewayMetrics;
import dev.kiln.serve.route.Lease;
import dev.kiln.serve.route.Router;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the protocols' handlers share: the router, the limits, the decision threshold, metrics,
 * readiness, shadow copies, monitoring (live drift, the request log), and the feedback journal
 * every answered prediction goes to.
 */
record Serving(Router router, Limits limits, double threshold, GatewayMetrics metrics, ServerInfo info,
    Readiness readiness, Shadowing shadowing, Monitoring monitoring, Feedback feedback) {

  /** Whether the gateway takes traffic: false before the first version is live and once draining began. */
  interface Readiness {
    boolean ready();
  }

  /** A lease on the version that answers this request, named in the response's headers. */
  Lease lease(Context ctx, String model, OptionalInt version) {
    Lease l = router.lease(model, version.isPresent() ? version : pinned(ctx), key(ctx, model));
    Exchange.served(ctx, l.version());
    return l;
  }

  /**
   * The routing key: a hash of the sticky header's value when the model's deployment names one
   * and the request carries it (the same caller, the same version), else random.
   */
  private long key(Context ctx, String model) {
    String value = router.table().deployment(model).flatMap(d -> d.stickyHeader()).map(ctx::header).orElse(null);
    return value == null ? ThreadLocalRandom.current().nextLong() : mix(value.hashCode());
  }

  /** Spreads a string hash over the key space, so close hashes fall on different versions. */
  private static long mix(long h) {
    long z = h * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }

  /**
   * A version named in the request's {@code X-Kiln-Model-Version} header: how a client reaches a
   * blue-green preview or a version kept warm through MLflow's /invocations, which has no version path.
   */
  private static OptionalInt pinned(Context ctx) {
    String v = ctx.header(Exchange.VERSION);
    if (v == null) {
      return OptionalInt.empty();
    }
    if (!v.trim().matches("[1-9][0-9]{0,8}")) {
      throw ClientError.bad("bad_header", "header " + Exchange.VERSION + ": '" + (v.length() > 20 ? v.substring(0, 17)
          + "..." : v) + "' is not a version number");
    }
    return OptionalInt.of(Integer.parseInt(v.trim()));
  }

  /** Journals an answered request for late labels, under the request id the response names. */
  void journal(Context ctx, dev.kiln.serve.route.ServedVersion v, dev.kiln.model.features.Columns rows,
      dev.kiln.model.predict.Predictions p) {
    feedback.record(v.model(), v.version(), v.task(), threshold, Exchange.requestId(ctx), p, feedback.keys(rows));
  }

  static OptionalInt version(Context ctx) {
    String v = ctx.pathParam("version");
    if (!v.matches("[1-9][0-9]{0,8}")) {
      throw ClientError.notFound("no version '" + (v.length() > 20 ? v.substring(0, 17) + "..." : v)
          + "': versions are numbers from 1");
    }
    return OptionalInt.of(Integer.parseInt(v));
  }

  static void json(Context ctx, int status, byte[] body) {
    Exchange.bytesOut(ctx, body.length);
    ctx.status(status).contentType("application/json").result(body);
  }

  static void json(Context ctx, int status, String body) {
    json(ctx, status, (body + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
