package dev.kiln.serve.http;

import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.metrics.GatewayMetrics;
import dev.kiln.serve.route.Lease;
import dev.kiln.serve.route.Router;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/** What the protocols' handlers share: the router, the limits, the decision threshold, metrics, readiness. */
record Serving(Router router, Limits limits, double threshold, GatewayMetrics metrics, ServerInfo info,
    Readiness readiness, Shadowing shadowing) {

  /** Whether the gateway takes traffic: false before the first version is live and once draining began. */
  interface Readiness {
    boolean ready();
  }

  /** A lease on the version that answers this request, named in the response's headers. */
  Lease lease(Context ctx, String model, OptionalInt version) {
    Lease l = router.lease(model, version, ThreadLocalRandom.current().nextLong());
    Exchange.served(ctx, l.version());
    return l;
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
