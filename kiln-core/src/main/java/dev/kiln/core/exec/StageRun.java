package dev.kiln.core.exec;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.config.Durations;
import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.fingerprint.StageInputs;
import dev.kiln.core.hash.PathHash;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.plan.Decision;
import dev.kiln.core.step.PriorResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One stage in one run: evaluate its condition, decide (up to date, restore, run), do it, and
 * record the outcome with its reason. Never throws; every failure becomes a FAILED record.
 */
final class StageRun implements Callable<ExecutionRecord> {
  private final Executor owner;
  private final Workspace ws;
  private final Stage stage;
  private final long runId;
  private final Clock clock;
  private final ExecutionDraft draft;

  StageRun(Executor owner, Workspace ws, Stage stage, long runId, Clock clock) {
    this.owner = owner;
    this.ws = ws;
    this.stage = stage;
    this.runId = runId;
    this.clock = clock;
    Instant start = clock.instant();
    long id = ws.history().startExecution(runId, stage.name(), start);
    this.draft = new ExecutionDraft(id, runId, stage.name(), start);
  }

  @Override
  public ExecutionRecord call() {
    ExecutionRecord record;
    try {
      record = decideAndAct();
    } catch (RuntimeException | IOException e) {
      record = draft.finish(ExecStatus.FAILED, "error: " + message(e), clock.instant());
    }
    ws.history().finishExecution(record);
    return record;
  }

  private ExecutionRecord decideAndAct() throws IOException {
    Optional<String> skip = conditionFalse();
    if (skip.isPresent()) {
      return draft.finish(ExecStatus.SKIPPED, skip.get(), clock.instant());
    }
    StageInputs inputs = ws.decider().inputs(stage, owner.inputContext(stage));
    draft.inputsJson = inputs.toJson();
    draft.fingerprint = inputs.fingerprint();
    Decision decision = ws.decider().decide(stage, inputs, owner.options().force());
    if (decision instanceof Decision.UpToDate u) {
      return draft.reuse(u.source()).finish(ExecStatus.UP_TO_DATE, "up to date", clock.instant());
    }
    List<String> reasons = new ArrayList<>();
    if (decision instanceof Decision.Restore r) {
      reasons.addAll(r.reasons());
      Optional<String> problem = restore(r.source());
      if (problem.isEmpty()) {
        String why = "restored from cache (run " + runOf(r.source()) + "): " + String.join("; ", r.reasons());
        draft.reuse(r.source());
        return reapplyEffect(r.source(), why);
      }
      reasons.add(problem.get());
    } else if (decision instanceof Decision.Run run) {
      reasons.addAll(run.reasons());
    }
    return execute(reasons);
  }

  /**
   * A restored stage whose step acts outside its outs (an {@link dev.kiln.core.step.EffectfulStep})
   * re-applies that effect; others are done once their files are back.
   */
  private ExecutionRecord reapplyEffect(ExecutionRecord source, String restored) throws IOException {
    if (!(stage.action() instanceof Action.Uses)) {
      return draft.finish(ExecStatus.RESTORED, restored, clock.instant());
    }
    Path logFile = ws.runsDir().resolve(Long.toString(runId)).resolve(stage.name() + ".log");
    try (StageLog log = new StageLog(stage.name(), logFile, owner.listener())) {
      StepCall call = new StepCall(owner, ws, stage, runId, draft, log);
      if (call.effectful().isEmpty()) {
        return draft.finish(ExecStatus.RESTORED, restored, clock.instant());
      }
      draft.logPath = ws.projectDir().relativize(logFile).toString();
      PriorResult prior = new PriorResult(runOf(source), source.metrics(), source.details(), source.output());
      Attempt a = call.reapply(prior);
      return switch (a.kind()) {
        case PASSED -> draft.finish(ExecStatus.RESTORED, restored + "; re-applied: " + draft.stepOutcome, clock.instant());
        case CANCELLED -> draft.finish(ExecStatus.CANCELLED, "cancelled while re-applying its effect", clock.instant());
        default -> draft.finish(ExecStatus.FAILED, restored + ", but re-applying its effect failed: " + a.reason(),
            clock.instant());
      };
    }
  }

  private Optional<String> conditionFalse() {
    if (stage.condition().isEmpty()) {
      return Optional.empty();
    }
    try {
      boolean pass = new ExprEvaluator(owner.conditionNames()).test(stage.condition().get().expr());
      return pass ? Optional.empty() : Optional.of("condition is false: " + stage.condition().get().source());
    } catch (ExprException e) {
      throw new IllegalStateException("cannot evaluate condition '" + stage.condition().get().source() + "': "
          + e.getMessage(), e);
    }
  }

  /** Restores every output of {@code source}; on any failure, returns why (and the stage runs). */
  private Optional<String> restore(ExecutionRecord source) {
    try {
      for (Output o : source.outputs()) {
        ws.store().restore(o, ws.projectDir());
        ws.hasher().forget(o.path());
        ws.hasher().remember(ws.store().files(o));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cached result unusable (" + message(e) + ")");
    }
  }

  private long runOf(ExecutionRecord source) {
    return ws.decider().originRun(source);
  }

  private ExecutionRecord execute(List<String> reasons) throws IOException {
    owner.listener().on(new RunEvent.StageStarted(stage.name(), reasons));
    Path logFile = ws.runsDir().resolve(Long.toString(runId)).resolve(stage.name() + ".log");
    draft.logPath = ws.projectDir().relativize(logFile).toString();
    String why = String.join("; ", reasons);
    try (StageLog log = new StageLog(stage.name(), logFile, owner.listener())) {
      Attempt last = attemptAll(log);
      switch (last.kind()) {
        case CANCELLED:
          return draft.finish(ExecStatus.CANCELLED, "cancelled while running", clock.instant());
        case WAITING:
          return draft.finish(ExecStatus.WAITING, last.reason(), clock.instant());
        case FAILED:
          return draft.finish(ExecStatus.FAILED, last.reason(), clock.instant());
        default:
          break;
      }
      Optional<String> problem = collectResults(log);
      if (problem.isPresent()) {
        return draft.finish(ExecStatus.FAILED, problem.get(), clock.instant());
      }
      String retried = draft.attempts > 1 ? " (succeeded on attempt " + draft.attempts + ")" : "";
      String ran = "ran: " + why + retried;
      String reason = draft.stepOutcome.isEmpty() ? ran : draft.stepOutcome + " (" + ran + ")";
      return draft.finish(ExecStatus.SUCCEEDED, reason, clock.instant());
    }
  }

  /** The outcome of one attempt: passed, failed, cancelled, or waiting for a person. */
  record Attempt(Kind kind, String reason) {
    enum Kind { PASSED, FAILED, CANCELLED, WAITING }

    static Attempt success() {
      return new Attempt(Kind.PASSED, "");
    }

    static Attempt failed(String reason) {
      return new Attempt(Kind.FAILED, reason);
    }

    static Attempt cancelled() {
      return new Attempt(Kind.CANCELLED, "cancelled");
    }

    boolean passed() {
      return kind == Kind.PASSED;
    }
  }

  private Attempt attemptAll(StageLog log) throws IOException {
    int attempts = stage.retries().attempts();
    Attempt result = null;
    for (int i = 1; i <= attempts; i++) {
      draft.attempts = i;
      deleteOutputs();
      result = stage.action() instanceof Action.Run run ? runCommands(run, log) : new StepCall(owner, ws, stage, runId, draft, log).call();
      if (result.kind() != Attempt.Kind.FAILED || owner.cancelled()) {
        return owner.cancelled() && !result.passed() ? Attempt.cancelled() : result;
      }
      if (i < attempts) {
        log.line("[kiln] attempt " + i + " of " + attempts + " failed (" + result.reason() + "); retrying in "
            + Durations.format(stage.retries().delay()));
        if (!owner.sleep(stage.retries().delay())) {
          return Attempt.cancelled();
        }
      }
    }
    if (attempts > 1) {
      return Attempt.failed(result.reason() + " (after " + attempts + " attempts)");
    }
    return result;
  }

  private Attempt runCommands(Action.Run run, StageLog log) throws IOException {
    Path times = ws.runsDir().resolve(Long.toString(runId)).resolve("." + stage.name() + ".times");
    ProcessRunner runner = new ProcessRunner(ws.projectDir(), owner.environment(stage, runId), times);
    owner.track(runner);
    try {
      long cpu = 0;
      long peak = 0;
      long deadline = stage.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
      for (String command : run.commands()) {
        java.time.Duration left = stage.timeout().isEmpty() ? null
            : java.time.Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        ProcessResult r = runner.run(command, left, log::line);
        cpu += Math.max(0, r.cpuMillis());
        peak = Math.max(peak, r.peakRssBytes());
        draft.exitCode = r.exitCode();
        draft.cpuMillis = cpu;
        draft.peakRssBytes = peak;
        if (r.cancelled()) {
          return Attempt.cancelled();
        }
        if (r.timedOut()) {
          return Attempt.failed("timed out after " + Durations.format(stage.timeout().get()));
        }
        if (r.exitCode() != 0) {
          String which = run.commands().size() > 1 ? "command " + (run.commands().indexOf(command) + 1) + " " : "command ";
          return Attempt.failed(which + "exited with code " + r.exitCode());
        }
      }
      return Attempt.success();
    } finally {
      owner.untrack(runner);
    }
  }

  private void deleteOutputs() throws IOException {
    for (String out : stage.storedOutputs()) {
      Path p = ws.projectDir().resolve(out);
      dev.kiln.core.artifact.ArtifactStore.deleteRecursively(p);
      ws.hasher().forget(out);
    }
  }

  /** Reads metrics and JUnit reports, checks and stores outputs. Returns a problem, if any. */
  private Optional<String> collectResults(StageLog log) throws IOException {
    if (stage.metrics().isPresent()) {
      Path file = ws.projectDir().resolve(stage.metrics().get());
      if (!Files.isRegularFile(file)) {
        return Optional.of("metrics file '" + stage.metrics().get() + "' was not written");
      }
      try {
        draft.metrics.putAll(MetricsFile.read(file, stage.metrics().get()));
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (stage.junit().isPresent()) {
      JUnitReports.Summary tests = JUnitReports.read(ws.projectDir(), stage.junit().get());
      if (tests.files() == 0) {
        log.line("[kiln] warning: no JUnit report matches '" + stage.junit().get() + "'");
      } else {
        draft.metrics.putAll(tests.metrics());
        tests.failures().forEach(f -> draft.details.add("failed test: " + f));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String out : stage.storedOutputs()) {
      ws.hasher().forget(out);
      PathHash h = ws.hasher().hash(out);
      if (!h.exists()) {
        missing.add(out);
        continue;
      }
      draft.outputs.add(stage.cache() ? ws.store().putPath(ws.projectDir(), h)
          : new Output(out, h.kind() == PathHash.Kind.FILE ? Output.Kind.FILE : Output.Kind.DIRECTORY,
              h.digest(), h.size(), Math.max(1, h.entries().size())));
    }
    if (!missing.isEmpty()) {
      return Optional.of("outs not produced: " + String.join(", ", missing));
    }
    return Optional.empty();
  }

  static String message(Throwable e) {
    return dev.kiln.core.Failures.describe(e);
  }
}
