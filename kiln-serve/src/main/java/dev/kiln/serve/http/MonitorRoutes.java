package dev.kiln.serve.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.requestlog.RequestLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /monitor}: each watched version's open window (tested as it stands) and last closed
 * window, per feature and for the predictions — test, statistic, threshold, drifted, psi, rows —
 * the features it cannot test and why, and the request log's counts. {@code ?model=NAME} and
 * {@code &version=N} narrow it; other parameters are a 400, an unknown model a 404.
 */
final class MonitorRoutes {
  private static final Set<String> PARAMS = Set.of("model", "version");
  private final Serving s;

  MonitorRoutes(Serving s) {
    this.s = s;
  }

  void register(RoutesConfig r) {
    r.get("/monitor", this::monitor);
  }

  private void monitor(Context ctx) {
    Exchange.endpoint(ctx, "monitor");
    for (String p : ctx.queryParamMap().keySet()) {
      if (!PARAMS.contains(p)) {
        throw ClientError.bad("bad_parameter", "unknown parameter '" + shorten(p) + "': /monitor takes model and version");
      }
    }
    String model = ctx.queryParam("model");
    String version = ctx.queryParam("version");
    if (version != null && !version.matches("[1-9][0-9]{0,8}")) {
      throw ClientError.bad("bad_parameter", "version '" + shorten(version) + "' is not a version number");
    }
    if (model != null && s.router().table().deployment(model).isEmpty()) {
      throw ClientError.notFound("no model '" + shorten(model) + "' is served here");
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    Optional<LiveDrift> drift = s.monitoring().drift();
    o.put("drift", drift.isPresent());
    drift.ifPresent(d -> {
      ObjectNode w = o.putObject("window");
      w.put("seconds", d.options().window().toMillis() / 1000.0);
      w.put("max_rows", d.options().maxRows());
      w.put("min_rows", d.options().minRows());
    });
    ArrayNode versions = o.putArray("versions");
    drift.ifPresent(d -> d.status().stream()
        .filter(v -> model == null || v.model().equals(model))
        .filter(v -> version == null || Integer.toString(v.version()).equals(version))
        .forEach(v -> version(versions.addObject(), v)));
    s.monitoring().log().ifPresent(l -> requestLog(o.putObject("request_log"), l));
    Serving.json(ctx, 200, o.toString());
  }

  private static void version(ObjectNode o, LiveDrift.VersionStatus v) {
    o.put("model", v.model());
    o.put("version", v.version());
    o.put("sketch_bytes", 8L * v.cells());
    ArrayNode skipped = o.putArray("skipped");
    v.skipped().forEach(skipped::add);
    window(o, "current", v.current());
    window(o, "last", v.last());
  }

  private static void window(ObjectNode parent, String name, Optional<DriftWindow> w) {
    if (w.isEmpty()) {
      parent.putNull(name);
      return;
    }
    ObjectNode o = parent.putObject(name);
    o.put("start", w.get().start().toString());
    o.put("end", w.get().end().toString());
    o.put("rows", w.get().rows());
    ArrayNode features = o.putArray("features");
    w.get().features().forEach(f -> feature(features.addObject(), f));
    if (w.get().prediction().isPresent()) {
      feature(o.putObject("prediction"), w.get().prediction().get());
    } else {
      o.putNull("prediction");
    }
  }

  private static void feature(ObjectNode o, FeatureDrift f) {
    o.put("feature", f.feature());
    o.put("test", f.test());
    number(o, "statistic", f.statistic());
    o.put("threshold", f.threshold());
    o.put("drifted", f.drifted());
    number(o, "psi", f.psi());
    o.put("rows", f.rows());
  }

  private static void number(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, v);
    } else {
      o.putNull(name);
    }
  }

  private static void requestLog(ObjectNode o, RequestLog l) {
    o.put("directory", l.options().dir().map(Object::toString).orElse(""));
    o.put("sample", l.options().sample());
    o.put("logged", l.logged());
    o.put("dropped", l.dropped());
    o.put("failed", l.failed());
  }

  private static String shorten(String v) {
    return v.length() > 40 ? v.substring(0, 37) + "..." : v;
  }
}
