package dev.kiln.serve.http;

import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.requestlog.RequestLog;
import dev.kiln.serve.route.ServedVersion;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * What watches answered requests beside the metrics: live drift and the request log, each
 * optional. The protocols' handlers call {@link #answered} after answering; both only count or
 * queue on the request's thread.
 */
public record Monitoring(Optional<LiveDrift> drift, Optional<RequestLog> log) {
  public static final Monitoring OFF = new Monitoring(Optional.empty(), Optional.empty());

  void answered(Context ctx, ServedVersion v, Columns rows, Predictions p) {
    if (drift.isPresent()) {
      drift.get().record(v, rows, p);
    }
    if (log.isPresent()) {
      log.get().record(Exchange.requestId(ctx), v, rows, p);
    }
  }
}
