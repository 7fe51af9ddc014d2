package dev.kiln.cli;

import dev.kiln.core.stats.GateDay;
import dev.kiln.core.stats.PipelineStats;
import dev.kiln.core.stats.StageStats;
import dev.kiln.core.stats.StatsReport;
import dev.kiln.core.stats.Summary;
import dev.kiln.core.stats.Tally;
import java.io.PrintStream;
import java.util.Locale;

/** {@code kiln stats} for a terminal: per pipeline two tables that fit 80 columns, gates, then the rankings. */
final class StatsText {
  /** How many of a gate's latest days with verdicts the tables show. */
  static final int GATE_DAYS = 7;
  private final PrintStream out;

  StatsText(PrintStream out) {
    this.out = out;
  }

  void print(StatsReport r, Since since) {
    out.println("Runs started since " + Format.time(r.since()) + " (" + since.text() + ").");
    if (r.isEmpty()) {
      out.println("No runs in that time. Start one with 'kiln run', or widen --since.");
      return;
    }
    r.pipelines().forEach(this::pipeline);
    out.println();
    out.println("Slowest stages (median wall time when they ran):");
    Table slow = new Table("  PIPELINE", "STAGE", "P50", "P95", "RAN");
    r.slowest().forEach(s -> slow.row("  " + s.pipeline(), s.stage(), ms(s.wallMillis().p50()),
        ms(s.wallMillis().p95()), s.wallMillis().count()));
    printOrNone(slow, "  none ran");
    out.println();
    out.println("Most failing stages:");
    Table failing = new Table("  PIPELINE", "STAGE", "FAILED", "FAIL%");
    r.mostFailing().forEach(s -> failing.row("  " + s.pipeline(), s.stage(),
        s.outcomes().failed() + " of " + (s.outcomes().succeeded() + s.outcomes().failed()),
        percent(s.outcomes().failureRate())));
    printOrNone(failing, "  no stage failed");
  }

  private void pipeline(PipelineStats p) {
    Tally runs = p.runs();
    out.println();
    out.println("Pipeline '" + p.pipeline() + "': " + runs.total() + " run" + (runs.total() == 1 ? "" : "s") + ", "
        + runs.succeeded() + " succeeded, " + runs.failed() + " failed" + (runs.other() > 0 ? ", " + runs.other()
        + " other" : "") + " (" + percent(runs.failureRate()) + " failed)");
    out.println("Run time p50 " + ms(p.runWallMillis().p50()) + ", p95 " + ms(p.runWallMillis().p95()) + ", max "
        + ms(p.runWallMillis().max()) + ".");
    out.println();
    Table outcomes = new Table("STAGE", "RUNS", "OK", "FAILED", "FAIL%", "UP-TO-DATE", "RESTORED", "RAN", "HIT%");
    for (StageStats s : p.stages()) {
      outcomes.row(s.stage(), s.outcomes().total(), s.outcomes().succeeded(), s.outcomes().failed(),
          percent(s.outcomes().failureRate()), s.cache().upToDate(), s.cache().restored(), s.cache().ran(),
          percent(s.cache().hitRate()));
    }
    outcomes.print(out);
    out.println();
    Table times = new Table("STAGE", "RAN OK", "P50", "P95", "MAX", "CPU P50", "CPU TOTAL", "PEAK MEM");
    for (StageStats s : p.stages()) {
      Summary w = s.wallMillis();
      times.row(s.stage(), w.count(), ms(w.p50()), ms(w.p95()), ms(w.max()), ms(s.cpuMillis().p50()),
          s.cpuMillis().count() == 0 ? "-" : ms(s.cpuMillis().total()), bytes(s.peakRssBytes().max()));
    }
    times.print(out);
    gates(p);
  }

  /** Each gate's verdicts on its last {@link #GATE_DAYS} days with verdicts; --json and --html have them all. */
  private void gates(PipelineStats p) {
    if (p.gateDays().isEmpty()) {
      return;
    }
    out.println();
    Table gates = new Table("GATE", "DAY", "BLESSED", "NOT BLESSED");
    java.util.Map<String, java.util.List<GateDay>> byGate = new java.util.TreeMap<>();
    p.gateDays().forEach(d -> byGate.computeIfAbsent(d.stage(), g -> new java.util.ArrayList<>()).add(d));
    int earlier = 0;
    for (java.util.List<GateDay> days : byGate.values()) {
      earlier += Math.max(0, days.size() - GATE_DAYS);
      for (GateDay d : days.subList(Math.max(0, days.size() - GATE_DAYS), days.size())) {
        gates.row(d.stage(), d.day(), d.blessed(), d.notBlessed());
      }
    }
    gates.print(out);
    if (earlier > 0) {
      out.println("(and " + earlier + " earlier day" + (earlier == 1 ? "" : "s") + " with verdicts: see --json or "
          + "--html)");
    }
  }

  private void printOrNone(Table t, String none) {
    if (t.isEmpty()) {
      out.println(none);
    } else {
      t.print(out);
    }
  }

  static String ms(double v) {
    return Double.isNaN(v) ? "-" : Format.millis(Math.round(v));
  }

  static String percent(double rate) {
    return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  static String bytes(double v) {
    return Double.isNaN(v) ? "-" : Format.bytes(Math.round(v));
  }
}
