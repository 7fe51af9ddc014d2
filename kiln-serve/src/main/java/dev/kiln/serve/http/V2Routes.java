package dev.kiln.serve.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.route.Deployment;
import dev.kiln.serve.route.Lease;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.v2.InferInput;
import dev.kiln.serve.v2.InferOutput;
import dev.kiln.serve.v2.Inference;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.OptionalInt;

/**
 * The Open Inference Protocol v2 over REST: health, server and model metadata, model readiness,
 * and infer, for a model's routed version or a version named in the path.
 */
final class V2Routes {
  private final Serving s;

  V2Routes(Serving s) {
    this.s = s;
  }

  void register(RoutesConfig r) {
    r.get("/v2/health/live", ctx -> reply(ctx, "v2_live", 200, "{\"live\":true}"));
    r.get("/v2/health/ready", ctx -> ready(ctx));
    r.get("/v2", ctx -> server(ctx));
    r.get("/v2/models/{name}", ctx -> metadata(ctx, OptionalInt.empty()));
    r.get("/v2/models/{name}/versions/{version}", ctx -> metadata(ctx, Serving.version(ctx)));
    r.get("/v2/models/{name}/ready", ctx -> modelReady(ctx, OptionalInt.empty()));
    r.get("/v2/models/{name}/versions/{version}/ready", ctx -> modelReady(ctx, Serving.version(ctx)));
    r.post("/v2/models/{name}/infer", ctx -> infer(ctx, OptionalInt.empty()));
    r.post("/v2/models/{name}/versions/{version}/infer", ctx -> infer(ctx, Serving.version(ctx)));
  }

  private static void reply(Context ctx, String endpoint, int status, String body) {
    Exchange.endpoint(ctx, endpoint);
    Serving.json(ctx, status, body);
  }

  /** 200 when every model has a live version and the gateway is not draining; 400 otherwise, as the protocol says. */
  private void ready(Context ctx) {
    boolean ready = s.readiness().ready() && !s.router().table().models().isEmpty();
    reply(ctx, "v2_ready", ready ? 200 : 400, "{\"ready\":" + ready + "}");
  }

  private void server(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", s.info().name());
    o.put("version", s.info().version());
    o.putArray("extensions");
    reply(ctx, "v2_server", 200, o.toString());
  }

  private void metadata(Context ctx, OptionalInt version) {
    Exchange.endpoint(ctx, "v2_model");
    String name = ctx.pathParam("name");
    try (Lease l = s.lease(ctx, name, version)) {
      Serving.json(ctx, 200, describe(l.version(), deployment(name)).toString());
    }
  }

  private Deployment deployment(String name) {
    return s.router().table().deployment(name).orElseThrow(() -> ClientError.notFound("no model '" + name + "'"));
  }

  private static ObjectNode describe(ServedVersion v, Deployment d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", v.model());
    ArrayNode versions = o.putArray("versions");
    d.versions().forEach(x -> versions.add(Integer.toString(x.version())));
    o.put("platform", v.platform());
    ArrayNode inputs = o.putArray("inputs");
    for (Field f : v.schema().fields()) {
      ObjectNode i = inputs.addObject();
      i.put("name", f.name());
      i.put("datatype", f.numeric() ? "FP64" : "BYTES");
      i.putArray("shape").add(-1);
      ObjectNode p = i.putObject("parameters");
      p.put("kind", f.kind().word());
      if (!f.levels().isEmpty()) {
        ArrayNode levels = p.putArray("levels");
        f.levels().forEach(levels::add);
      }
    }
    ArrayNode outputs = o.putArray("outputs");
    for (String name : InferOutput.names(v.task())) {
      ObjectNode out = outputs.addObject();
      out.put("name", name);
      out.put("datatype", name.equals(InferOutput.PREDICTED) ? "BYTES" : "FP64");
      ArrayNode shape = out.putArray("shape").add(-1);
      if (name.equals(InferOutput.PROBABILITIES)) {
        shape.add(((dev.kiln.model.signature.Task.Classification) v.task()).classes().size());
      }
    }
    return o;
  }

  private void modelReady(Context ctx, OptionalInt version) {
    Exchange.endpoint(ctx, "v2_model_ready");
    String name = ctx.pathParam("name");
    try (Lease l = s.lease(ctx, name, version)) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("name", l.version().model());
      o.put("ready", true);
      Serving.json(ctx, 200, o.toString());
    }
  }

  private void infer(Context ctx, OptionalInt version) {
    Exchange.endpoint(ctx, "v2_infer");
    String type = Exchange.mediaType(ctx);
    if (!type.isEmpty() && !type.equals("application/json")) {
      throw Exchange.unsupported(type, "application/json");
    }
    byte[] body = Exchange.body(ctx, s.limits());
    try (Lease l = s.lease(ctx, ctx.pathParam("name"), version)) {
      ServedVersion v = l.version();
      Inference in = InferInput.parse(body, v.schema(), s.limits(), InferOutput.names(v.task()));
      Predictions p = v.predict(in.rows());
      s.metrics().predictions(v.model(), v.version(), v.task(), p, s.threshold());
      s.monitoring().answered(ctx, v, in.rows(), p);
      Serving.json(ctx, 200, InferOutput.write(v.model(), v.version(), in.id().orElse(Exchange.requestId(ctx)), p,
          v.task(), in.outputs(), s.threshold()));
      s.shadowing().copy(v, p, m -> InferInput.parse(body, m.schema(), s.limits(), InferOutput.names(m.task())).rows());
    }
  }
}
