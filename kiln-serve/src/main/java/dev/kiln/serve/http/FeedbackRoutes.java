package dev.kiln.serve.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.serve.feedback.Receipt;
import dev.kiln.serve.input.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Late labels: {@code POST /feedback} takes true labels for predictions the gateway answered
 * (by request id or key column) and answers how many it accepted, did not know and had already;
 * {@code GET /feedback} shows the journal and each version's live accuracy.
 */
final class FeedbackRoutes {
  private final Serving s;

  FeedbackRoutes(Serving s) {
    this.s = s;
  }

  void register(RoutesConfig r) {
    r.post("/feedback", this::post);
    r.get("/feedback", ctx -> {
      Exchange.endpoint(ctx, "feedback_get");
      Serving.json(ctx, 200, s.feedback().snapshot().toJson());
    });
  }

  private void post(Context ctx) {
    Exchange.endpoint(ctx, "feedback");
    String type = Exchange.mediaType(ctx);
    if (!type.isEmpty() && !type.equals("application/json")) {
      throw Exchange.unsupported(type, "application/json");
    }
    Receipt r = s.feedback().label(Exchange.body(ctx, s.limits()), s.limits());
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("accepted", r.accepted());
    o.put("unknown", r.unknown());
    o.put("duplicate", r.duplicate());
    Serving.json(ctx, 200, o.toString());
  }
}
