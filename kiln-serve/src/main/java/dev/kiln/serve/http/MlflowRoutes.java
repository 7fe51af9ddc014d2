package dev.kiln.serve.http;

import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.mlflow.CsvInput;
import dev.kiln.serve.mlflow.JsonInput;
import dev.kiln.serve.mlflow.JsonOutput;
import dev.kiln.serve.mlflow.Scoring;
import dev.kiln.serve.route.Lease;
import dev.kiln.serve.route.RoutingTable;
import dev.kiln.serve.route.ServedVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.OptionalInt;

/**
 * MLflow's scoring server: {@code GET /ping} and {@code GET /health} (200 with a newline when a
 * model is live), {@code GET /version}, and {@code POST /invocations} with a JSON body
 * ({@code application/json}) or CSV ({@code text/csv}); other media types get 415, as MLflow's do.
 * The gateway's one model answers; with several, {@code /invocations} needs the v2 paths instead.
 */
final class MlflowRoutes {
  private final Serving s;

  MlflowRoutes(Serving s) {
    this.s = s;
  }

  void register(RoutesConfig r) {
    r.get("/ping", ctx -> health(ctx, "ping"));
    r.get("/health", ctx -> health(ctx, "health"));
    r.get("/version", ctx -> {
      Exchange.endpoint(ctx, "version");
      ctx.status(200).contentType("application/json").result(s.info().version() + "\n");
    });
    r.post("/invocations", this::invocations);
  }

  private void health(Context ctx, String endpoint) {
    Exchange.endpoint(ctx, endpoint);
    boolean ready = s.readiness().ready() && !s.router().table().models().isEmpty();
    if (!ready) {
      throw ClientError.notFound("no model is live yet");
    }
    ctx.status(200).contentType("application/json").result("\n");
  }

  private void invocations(Context ctx) {
    Exchange.endpoint(ctx, "invocations");
    String type = Exchange.mediaType(ctx);
    boolean csv = type.equals("text/csv");
    if (!csv && !type.equals("application/json")) {
      throw Exchange.unsupported(type, "application/json or text/csv");
    }
    byte[] body = Exchange.body(ctx, s.limits());
    try (Lease l = s.lease(ctx, onlyModel(), OptionalInt.empty())) {
      ServedVersion v = l.version();
      Scoring in = csv ? CsvInput.parse(body, v.schema(), s.limits()) : JsonInput.parse(body, v.schema(), s.limits());
      Predictions p = v.predict(in.rows());
      s.metrics().predictions(v.model(), v.version(), v.task(), p, s.threshold());
      s.monitoring().answered(ctx, v, in.rows(), p);
      Serving.json(ctx, 200, JsonOutput.write(p, v.task(), in.answer(), s.threshold()));
      s.shadowing().copy(v, p, m -> (csv ? CsvInput.parse(body, m.schema(), s.limits())
          : JsonInput.parse(body, m.schema(), s.limits())).rows());
    }
  }

  private String onlyModel() {
    RoutingTable t = s.router().table();
    if (t.models().size() != 1) {
      throw ClientError.notFound(t.models().isEmpty() ? "no model is live yet"
          : "this gateway serves several models (" + String.join(", ", t.models().keySet())
              + "): use POST /v2/models/NAME/infer");
    }
    return t.models().keySet().iterator().next();
  }
}
