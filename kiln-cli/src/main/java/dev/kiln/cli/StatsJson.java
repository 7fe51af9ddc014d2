package dev.kiln.cli;

import dev.kiln.core.stats.CacheTally;
import dev.kiln.core.stats.PipelineStats;
import dev.kiln.core.stats.StageStats;
import dev.kiln.core.stats.StatsReport;
import dev.kiln.core.stats.Summary;
import dev.kiln.core.stats.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON shape of {@code kiln stats --json}: the figures of the tables and plots, undefined rates as null. */
final class StatsJson {
  private StatsJson() {}

  static Map<String, Object> of(StatsReport r, Since since) {
    List<Object> pipelines = new ArrayList<>();
    r.pipelines().forEach(p -> pipelines.add(pipeline(p)));
    List<Object> slowest = new ArrayList<>();
    r.slowest().forEach(s -> slowest.add(Json.object("pipeline", s.pipeline(), "stage", s.stage(),
        "p50_ms", num(s.wallMillis().p50()), "p95_ms", num(s.wallMillis().p95()), "runs", s.wallMillis().count())));
    List<Object> failing = new ArrayList<>();
    r.mostFailing().forEach(s -> failing.add(Json.object("pipeline", s.pipeline(), "stage", s.stage(),
        "failed", s.outcomes().failed(), "failure_rate", num(s.outcomes().failureRate()))));
    return Json.object("since", r.since().toString(), "since_option", since.text(), "quantiles", "numpy-linear",
        "pipelines", pipelines, "slowest", slowest, "most_failing", failing);
  }

  private static Map<String, Object> pipeline(PipelineStats p) {
    List<Object> stages = new ArrayList<>();
    p.stages().forEach(s -> stages.add(stage(s)));
    List<Object> verdicts = new ArrayList<>();
    p.verdicts().forEach(v -> verdicts.add(Json.object("stage", v.stage(), "run", v.runId(), "at", v.at().toString(),
        "blessed", v.blessed())));
    List<Object> days = new ArrayList<>();
    p.gateDays().forEach(d -> days.add(Json.object("stage", d.stage(), "day", d.day().toString(),
        "blessed", d.blessed(), "not_blessed", d.notBlessed())));
    return Json.object("pipeline", p.pipeline(), "runs", tally(p.runs()), "run_wall_ms", summary(p.runWallMillis()),
        "stages", stages, "gate_verdicts", verdicts, "gate_days", days);
  }

  private static Map<String, Object> stage(StageStats s) {
    List<Object> days = new ArrayList<>();
    s.days().forEach(d -> days.add(Json.object("day", d.day().toString(), "count", d.wallMillis().count(),
        "p50_ms", num(d.wallMillis().p50()), "p95_ms", num(d.wallMillis().p95()))));
    List<Object> points = new ArrayList<>();
    s.durations().forEach(d -> points.add(Json.object("run", d.runId(), "started_at", d.startedAt().toString(),
        "wall_ms", d.wallMillis())));
    return Json.object("stage", s.stage(), "executions", tally(s.outcomes()), "cache", cache(s.cache()),
        "wall_ms", summary(s.wallMillis()), "cpu_ms", summary(s.cpuMillis()),
        "peak_rss_bytes", summary(s.peakRssBytes()), "days", days, "durations", points);
  }

  private static Map<String, Object> tally(Tally t) {
    return Json.object("total", t.total(), "succeeded", t.succeeded(), "failed", t.failed(), "other", t.other(),
        "success_rate", num(t.successRate()), "failure_rate", num(t.failureRate()));
  }

  private static Map<String, Object> cache(CacheTally c) {
    return Json.object("up_to_date", c.upToDate(), "restored", c.restored(), "ran", c.ran(),
        "hit_rate", num(c.hitRate()));
  }

  private static Map<String, Object> summary(Summary s) {
    return Json.object("count", s.count(), "p50", num(s.p50()), "p95", num(s.p95()), "max", num(s.max()),
        "total", s.total());
  }

  private static Double num(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
