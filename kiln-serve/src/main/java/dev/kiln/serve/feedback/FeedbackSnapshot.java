package dev.kiln.serve.feedback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.serve.input.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feedback state at one instant, as {@code GET /feedback} shows it: the journal (entries,
 * bounds, evictions), the label counts, and per version its cumulative metrics, those of its
 * open window and the last window closed.
 */
public record FeedbackSnapshot(Instant at, FeedbackOptions options, int journalEntries, long evictedByCount,
    long evictedByAge, long unkeyedRows, Receipt labels, List<Version> versions) {

  public FeedbackSnapshot {
    versions = List.copyOf(versions);
  }

  /** One version's live accuracy: since it started serving, and in the open window. */
  public record Version(String model, int version, String task, Instant since, long labels, long droppedLabels,
      LiveMetrics cumulative, Optional<Window> window, Optional<AccuracyWindow> lastWindow) {}

  /** The open window of label-arrival time and its metrics so far. */
  public record Window(Instant start, Instant end, long labels, LiveMetrics metrics) {}

  public String toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("at", at.toString());
    ObjectNode j = o.putObject("journal");
    j.put("entries", journalEntries);
    j.put("capacity", options.journalSize());
    j.put("max_age_seconds", options.maxAge().toSeconds());
    j.put("evicted_by_count", evictedByCount);
    j.put("evicted_by_age", evictedByAge);
    j.put("unkeyed_rows", unkeyedRows);
    options.keyColumn().ifPresentOrElse(k -> j.put("key", k), () -> j.put("key", (String) null));
    ObjectNode l = o.putObject("labels");
    l.put("accepted", labels.accepted());
    l.put("unknown", labels.unknown());
    l.put("duplicate", labels.duplicate());
    o.put("window_seconds", options.window().toSeconds());
    var vs = o.putArray("versions");
    for (Version v : versions) {
      ObjectNode n = vs.addObject();
      n.put("model", v.model());
      n.put("version", v.version());
      n.put("task", v.task());
      ObjectNode c = n.putObject("cumulative");
      c.put("since", v.since().toString());
      c.put("labels", v.labels());
      c.put("scored", v.labels() - v.droppedLabels());
      metrics(c, v.cumulative());
      v.window().ifPresent(w -> {
        ObjectNode wn = n.putObject("window");
        wn.put("start", w.start().toString());
        wn.put("end", w.end().toString());
        wn.put("labels", w.labels());
        metrics(wn, w.metrics());
      });
      v.lastWindow().ifPresent(w -> {
        ObjectNode ln = n.putObject("last_window");
        ln.put("start", w.start().toString());
        ln.put("end", w.end().toString());
        ln.put("labels", w.labels());
        ObjectNode values = ln.putObject("metrics");
        w.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> Double.isFinite(e.getValue()))
            .forEach(e -> values.put(e.getKey(), e.getValue()));
      });
    }
    return o.toString();
  }

  private static void metrics(ObjectNode into, LiveMetrics m) {
    ObjectNode values = into.putObject("metrics");
    m.metrics().forEach((k, v) -> {
      if (Double.isFinite(v)) {
        values.put(k, v);
      }
    });
    ObjectNode undefined = into.putObject("undefined");
    for (Map.Entry<String, String> e : m.undefined().entrySet()) {
      undefined.put(e.getKey(), e.getValue());
    }
  }
}
