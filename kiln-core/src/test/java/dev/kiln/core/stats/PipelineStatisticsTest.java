package dev.kiln.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.history.StageOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Statistics over hand-made records: outcomes, cache outcomes, durations per day, verdicts, rankings. */
class PipelineStatisticsTest {
  static final Instant DAY1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-11-02T10:00:00Z");
  static final VerdictReader GATES = e -> e.output().type().equals("verdict")
      ? Optional.of(e.output().json().equals("yes")) : Optional.empty();

  final List<RunRecord> runs = new ArrayList<>();
  final List<ExecutionRecord> execs = new ArrayList<>();
  long nextExec = 1;

  RunRecord run(String pipeline, RunStatus status, Instant at, long millis) {
    RunRecord r = new RunRecord(runs.size() + 1, pipeline, status, "", "manual", new GitState(null, null, null), "{}",
        "0", "h", at, at.plusMillis(millis), List.of(), Optional.empty(), Optional.empty());
    runs.add(r);
    return r;
  }

  ExecutionRecord exec(RunRecord run, String stage, ExecStatus status, long wall, long cpu, long rss, Long source,
      StageOutput output) {
    ExecutionRecord e = new ExecutionRecord(nextExec++, run.id(), stage, status, "", "", "", run.startedAt(),
        run.startedAt().plusMillis(wall), wall, cpu, rss, 0, null, 1, source, Map.of(), List.of(), List.of(), output);
    execs.add(e);
    return e;
  }

  ExecutionRecord exec(RunRecord run, String stage, ExecStatus status, long wall) {
    return exec(run, stage, status, wall, wall / 2, wall * 1000, null, StageOutput.NONE);
  }

  StatsReport report() {
    return PipelineStatistics.of(DAY1, runs, execs, GATES, ZoneOffset.UTC);
  }

  @Test
  void countsRunsAndStageOutcomesPerPipelineWithRatesOverSucceededAndFailed() {
    RunRecord r1 = run("a", RunStatus.SUCCEEDED, DAY1, 100);
    RunRecord r2 = run("a", RunStatus.FAILED, DAY1, 300);
    RunRecord r3 = run("a", RunStatus.CANCELLED, DAY2, 200);
    exec(r1, "train", ExecStatus.SUCCEEDED, 10);
    exec(r2, "train", ExecStatus.FAILED, 10);
    exec(r3, "train", ExecStatus.UP_TO_DATE, 0);
    exec(r3, "test", ExecStatus.SKIPPED, 0);
    run("b", RunStatus.SUCCEEDED, DAY2, 50);
    StatsReport s = report();
    assertThat(s.pipelines()).extracting(PipelineStats::pipeline).containsExactly("a", "b");
    PipelineStats a = s.pipelines().get(0);
    assertThat(a.runs()).isEqualTo(new Tally(1, 1, 1));
    assertThat(a.runs().failureRate()).isEqualTo(0.5);
    assertThat(a.runWallMillis()).isEqualTo(new Summary(3, 200.0, 290.0, 300.0, 600.0));
    assertThat(a.stages()).extracting(StageStats::stage).containsExactly("train", "test");
    assertThat(a.stages().get(0).outcomes()).isEqualTo(new Tally(2, 1, 0));
    assertThat(a.stages().get(1).outcomes()).isEqualTo(new Tally(0, 0, 1));
    assertThat(a.stages().get(1).outcomes().failureRate()).isNaN();
  }

  @Test
  void cacheOutcomesTellUpToDateRestoredAndRanApart() {
    RunRecord r = run("a", RunStatus.FAILED, DAY1, 100);
    exec(r, "s", ExecStatus.SUCCEEDED, 10);
    exec(r, "s", ExecStatus.UP_TO_DATE, 0, -1, -1, 1L, StageOutput.NONE);
    exec(r, "s", ExecStatus.UP_TO_DATE, 0, -1, -1, 1L, StageOutput.NONE);
    exec(r, "s", ExecStatus.RESTORED, 1, -1, -1, 1L, StageOutput.NONE);
    exec(r, "s", ExecStatus.FAILED, 3);
    exec(r, "s", ExecStatus.FAILED, 3, -1, -1, 1L, StageOutput.NONE);
    exec(r, "s", ExecStatus.CANCELLED, 3);
    CacheTally c = report().pipelines().get(0).stages().get(0).cache();
    assertThat(c).isEqualTo(new CacheTally(2, 2, 2));
    assertThat(c.hitRate()).isEqualTo(4 / 6.0);
  }

  @Test
  void timesCpuAndMemoryCountOnlyExecutionsThatRanAndSucceededPerDay() {
    RunRecord r1 = run("a", RunStatus.SUCCEEDED, DAY1, 100);
    RunRecord r2 = run("a", RunStatus.SUCCEEDED, DAY2, 100);
    exec(r1, "s", ExecStatus.SUCCEEDED, 100);
    exec(r1, "s", ExecStatus.SUCCEEDED, 300);
    exec(r1, "s", ExecStatus.FAILED, 9000);
    exec(r2, "s", ExecStatus.UP_TO_DATE, 0);
    exec(r2, "s", ExecStatus.SUCCEEDED, 200, -1, -1, null, StageOutput.NONE);
    StageStats s = report().pipelines().get(0).stages().get(0);
    assertThat(s.wallMillis()).isEqualTo(new Summary(3, 200.0, 290.0, 300.0, 600.0));
    assertThat(s.cpuMillis()).isEqualTo(new Summary(2, 100.0, 145.0, 150.0, 200.0));
    assertThat(s.peakRssBytes().max()).isEqualTo(300_000.0);
    assertThat(s.days()).containsExactly(
        new DaySummary(LocalDate.parse("2026-11-01"), new Summary(2, 200.0, 290.0, 300.0, 400.0)),
        new DaySummary(LocalDate.parse("2026-11-02"), new Summary(1, 200.0, 200.0, 200.0, 200.0)));
    assertThat(s.durations()).extracting(DurationPoint::wallMillis).containsExactly(100L, 300L, 200L);
  }

  @Test
  void gateVerdictsAreCountedWhenDecidedNotWhenHandedOnAgain() {
    RunRecord r1 = run("a", RunStatus.SUCCEEDED, DAY1, 100);
    RunRecord r2 = run("a", RunStatus.FAILED, DAY1, 100);
    RunRecord r3 = run("a", RunStatus.SUCCEEDED, DAY2, 100);
    exec(r1, "gate", ExecStatus.SUCCEEDED, 1, 1, 1, null, new StageOutput("verdict", "yes"));
    exec(r2, "gate", ExecStatus.FAILED, 1, 1, 1, null, new StageOutput("verdict", "no"));
    exec(r3, "gate", ExecStatus.RESTORED, 1, 1, 1, 1L, new StageOutput("verdict", "yes"));
    exec(r3, "train", ExecStatus.SUCCEEDED, 1);
    PipelineStats p = report().pipelines().get(0);
    assertThat(p.verdicts()).containsExactly(new Verdict("gate", 1, DAY1, true), new Verdict("gate", 2, DAY1, false));
    assertThat(p.gateDays()).containsExactly(new GateDay("gate", LocalDate.parse("2026-11-01"), 1, 1));
  }

  @Test
  void slowestRankByMedianAndMostFailingByFailuresThenRate() {
    RunRecord r = run("a", RunStatus.FAILED, DAY1, 100);
    for (String stage : List.of("fast", "slow", "mid", "flaky", "broken")) {
      exec(r, stage, ExecStatus.SUCCEEDED, switch (stage) { case "slow" -> 900; case "mid" -> 500; default -> 10; });
    }
    exec(r, "flaky", ExecStatus.FAILED, 1);
    exec(r, "broken", ExecStatus.FAILED, 1);
    exec(r, "broken", ExecStatus.FAILED, 1);
    exec(r, "mid", ExecStatus.FAILED, 1);
    exec(r, "mid", ExecStatus.SUCCEEDED, 500);
    exec(r, "mid", ExecStatus.SUCCEEDED, 500);
    StatsReport s = report();
    assertThat(s.slowest()).extracting(StageStats::stage).startsWith("slow", "mid").hasSize(5);
    assertThat(s.mostFailing()).extracting(StageStats::stage).containsExactly("broken", "flaky", "mid");
  }

  @Test
  void executionsOfRunsNotGivenAreLeftOut() {
    run("a", RunStatus.SUCCEEDED, DAY1, 100);
    RunRecord other = new RunRecord(99, "a", RunStatus.SUCCEEDED, "", "manual", new GitState(null, null, null), "{}",
        "0", "h", DAY1, DAY1, List.of(), Optional.empty(), Optional.empty());
    exec(other, "s", ExecStatus.SUCCEEDED, 10);
    assertThat(report().pipelines().get(0).stages()).isEmpty();
  }
}
