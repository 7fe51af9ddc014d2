package dev.kiln.cli;

import static dev.kiln.cli.Charts.esc;
import static dev.kiln.cli.StatsText.bytes;
import static dev.kiln.cli.StatsText.ms;
import static dev.kiln.cli.StatsText.percent;

import dev.kiln.core.stats.GateDay;
import dev.kiln.core.stats.PipelineStats;
import dev.kiln.core.stats.StageStats;
import dev.kiln.core.stats.StatsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kiln stats --html}: one self-contained page in the style of the data and evaluation
 * reports — per pipeline its tables, each stage's wall time over time (every execution that ran
 * and succeeded, with the daily median dashed), the share of cache outcomes per stage, and each
 * gate's verdicts per day; then the slowest and most failing stages.
 */
final class StatsPage {
  private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
      + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:3px 8px;"
      + "text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}"
      + ".charts{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}"
      + "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.5em}.note{color:#666}";
  private static final List<Charts.Part> CACHE = List.of(new Charts.Part("up to date", "#2da44e"),
      new Charts.Part("restored", "#8250df"), new Charts.Part("ran", Charts.BLUE));
  private static final List<Charts.Part> VERDICTS = List.of(new Charts.Part("blessed", "#2da44e"),
      new Charts.Part("not blessed", "#cf222e"));

  private StatsPage() {}

  static String render(StatsReport r, Since since) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiln "
        + "pipeline statistics</title><style>" + STYLE + "</style></head><body><h1>Pipeline statistics</h1>");
    h.append("<p>Runs started since <b>").append(esc(Format.time(r.since()))).append("</b> (")
        .append(esc(since.text())).append("). Times, CPU and memory count the executions that ran and succeeded; "
            + "quantiles are NumPy's default (linear).</p>");
    if (r.isEmpty()) {
      h.append("<p>No runs in that time.</p>");
    }
    r.pipelines().forEach(p -> pipeline(h, p));
    rankings(h, r);
    return h.append("<p class=\"note\">Written by Kiln. Definitions: docs/monitoring.md.</p></body></html>\n")
        .toString();
  }

  private static void pipeline(StringBuilder h, PipelineStats p) {
    h.append("<h2>Pipeline ").append(esc(p.pipeline())).append("</h2><p>").append(p.runs().total()).append(" runs: ")
        .append(p.runs().succeeded()).append(" succeeded, ").append(p.runs().failed()).append(" failed, ")
        .append(p.runs().other()).append(" other (").append(percent(p.runs().failureRate())).append(" failed); run "
            + "time p50 ").append(ms(p.runWallMillis().p50())).append(", p95 ").append(ms(p.runWallMillis().p95()))
        .append(".</p>");
    table(h, p);
    h.append("<h3>Durations over time</h3><div class=\"charts\">");
    for (StageStats s : p.stages()) {
      if (!s.durations().isEmpty()) {
        List<Charts.Point> points = s.durations().stream()
            .map(d -> new Charts.Point(d.startedAt(), d.wallMillis())).toList();
        List<Charts.Point> medians = s.days().stream().map(d -> new Charts.Point(
            d.day().atTime(12, 0).atZone(java.time.ZoneId.systemDefault()).toInstant(), d.wallMillis().p50())).toList();
        h.append(Charts.overTime(s.stage(), "wall time", points, medians, StatsText::ms));
      }
    }
    h.append("</div><h3>Cache outcomes</h3><div class=\"charts\">");
    List<String> labels = p.stages().stream().map(StageStats::stage).toList();
    List<long[]> counts = p.stages().stream()
        .map(s -> new long[] {s.cache().upToDate(), s.cache().restored(), s.cache().ran()}).toList();
    h.append(Charts.shares("Cache outcome share per stage", labels, counts, CACHE)).append("</div>");
    gates(h, p);
  }

  private static void table(StringBuilder h, PipelineStats p) {
    h.append("<div class=\"charts\">");
    List<List<Object>> outcomes = new ArrayList<>();
    List<List<Object>> times = new ArrayList<>();
    for (StageStats s : p.stages()) {
      outcomes.add(List.of(s.stage(), s.outcomes().total(), s.outcomes().succeeded(), s.outcomes().failed(),
          percent(s.outcomes().failureRate()), s.cache().upToDate(), s.cache().restored(), s.cache().ran(),
          percent(s.cache().hitRate())));
      times.add(List.of(s.stage(), s.wallMillis().count(), ms(s.wallMillis().p50()), ms(s.wallMillis().p95()),
          ms(s.wallMillis().max()), ms(s.cpuMillis().p50()), s.cpuMillis().count() == 0 ? "-" : ms(s.cpuMillis().total()),
          bytes(s.peakRssBytes().max())));
    }
    table(h, List.of("stage", "runs", "ok", "failed", "fail %", "up to date", "restored", "ran", "hit %"), outcomes);
    table(h, List.of("stage", "ran ok", "p50", "p95", "max", "CPU p50", "CPU total", "peak memory"), times);
    h.append("</div>");
  }

  /** A table whose first column (a name) is left-aligned. */
  private static void table(StringBuilder h, List<String> header, List<List<Object>> rows) {
    h.append("<table><tr>");
    for (int i = 0; i < header.size(); i++) {
      h.append(i == 0 ? "<th class=\"l\">" : "<th>").append(esc(header.get(i))).append("</th>");
    }
    h.append("</tr>");
    for (List<Object> row : rows) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        h.append(i == 0 ? "<td class=\"l\">" : "<td>").append(esc(String.valueOf(row.get(i)))).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  private static void gates(StringBuilder h, PipelineStats p) {
    if (p.gateDays().isEmpty()) {
      return;
    }
    h.append("<h3>Gate verdicts over time</h3><p class=\"note\">Counted when a gate decides; an up-to-date or "
        + "restored gate hands on an earlier verdict.</p><div class=\"charts\">");
    Map<String, List<GateDay>> byGate = new TreeMap<>();
    p.gateDays().forEach(d -> byGate.computeIfAbsent(d.stage(), g -> new ArrayList<>()).add(d));
    byGate.forEach((gate, days) -> h.append(Charts.columns("Verdicts of " + gate + " per day",
        days.stream().map(d -> d.day().toString()).toList(),
        days.stream().map(d -> new long[] {d.blessed(), d.notBlessed()}).toList(), VERDICTS)));
    h.append("</div>");
  }

  private static void rankings(StringBuilder h, StatsReport r) {
    if (r.isEmpty()) {
      return;
    }
    h.append("<h2>Slowest stages</h2><table><tr><th class=\"l\">pipeline</th><th class=\"l\">stage</th><th>p50</th>"
        + "<th>p95</th><th>ran ok</th></tr>");
    r.slowest().forEach(s -> h.append("<tr><td class=\"l\">").append(esc(s.pipeline())).append("</td><td class=\"l\">")
        .append(esc(s.stage())).append("</td><td>").append(ms(s.wallMillis().p50())).append("</td><td>")
        .append(ms(s.wallMillis().p95())).append("</td><td>").append(s.wallMillis().count()).append("</td></tr>"));
    h.append("</table><h2>Most failing stages</h2><table><tr><th class=\"l\">pipeline</th><th class=\"l\">stage</th>"
        + "<th>failed</th><th>fail %</th></tr>");
    r.mostFailing().forEach(s -> h.append("<tr><td class=\"l\">").append(esc(s.pipeline()))
        .append("</td><td class=\"l\">").append(esc(s.stage())).append("</td><td>").append(s.outcomes().failed())
        .append("</td><td>").append(percent(s.outcomes().failureRate())).append("</td></tr>"));
    h.append("</table>");
  }
}
