package dev.kiln.core.exec;

import dev.kiln.core.config.Durations;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.step.EffectfulStep;
import dev.kiln.core.step.InputContext;
import dev.kiln.core.step.OutputType;
import dev.kiln.core.step.PriorResult;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.Upstream;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a built-in step in its own thread, with the stage's timeout and the run's cancellation. */
final class StepCall implements StepContext {
  private final Executor owner;
  private final Workspace ws;
  private final Stage stage;
  private final long runId;
  private final ExecutionDraft draft;
  private final StageLog log;
  private final InputContext inputs;
  private volatile boolean stopped;

  StepCall(Executor owner, Workspace ws, Stage stage, long runId, ExecutionDraft draft, StageLog log) {
    this.owner = owner;
    this.ws = ws;
    this.stage = stage;
    this.runId = runId;
    this.draft = draft;
    this.log = log;
    this.inputs = owner.inputContext(stage);
  }

  StageRun.Attempt call() {
    return invoke(step -> step.run(this));
  }

  /** Re-applies the effect of a restored result ({@link EffectfulStep}); a plain step has none. */
  StageRun.Attempt reapply(PriorResult prior) {
    return invoke(step -> step instanceof EffectfulStep e ? e.reapply(this, prior) : null);
  }

  /** The step, or empty when it applies nothing on restore. */
  Optional<EffectfulStep> effectful() {
    return step() instanceof EffectfulStep e ? Optional.of(e) : Optional.empty();
  }

  /** A step's work, run on its own thread. */
  private interface Work {
    StepResult on(Step step) throws Exception;
  }

  private Step step() {
    Action.Uses uses = (Action.Uses) stage.action();
    return ws.steps().find(uses.step())
        .orElseThrow(() -> new IllegalStateException("step '" + uses.step() + "' is not installed"));
  }

  private StageRun.Attempt invoke(Work work) {
    Step step = step();
    StepResult[] result = new StepResult[1];
    Throwable[] error = new Throwable[1];
    long[] cpu = new long[1];
    Thread t = new Thread(() -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      try {
        result[0] = work.on(step);
      } catch (Throwable e) {
        error[0] = e;
      } finally {
        cpu[0] = mx.getCurrentThreadCpuTime() / 1_000_000;
      }
    }, "kiln-step-" + stage.name());
    t.setDaemon(true);
    t.start();
    owner.trackStep(t);
    try {
      boolean timedOut = !join(t);
      draft.cpuMillis = cpu[0];
      draft.peakRssBytes = jvmPeakRss();
      if (owner.cancelled()) {
        return StageRun.Attempt.cancelled();
      }
      if (timedOut) {
        return StageRun.Attempt.failed("timed out after " + Durations.format(stage.timeout().get()));
      }
      return outcome(result[0], error[0]);
    } finally {
      owner.untrackStep(t);
    }
  }

  /** Waits for the step; false if it ran past the timeout (it is then interrupted). */
  private boolean join(Thread t) {
    try {
      if (stage.timeout().isPresent()) {
        t.join(stage.timeout().get().toMillis());
      } else {
        while (t.isAlive() && !owner.cancelled()) {
          t.join(100);
        }
      }
      if (t.isAlive()) {
        stopped = true;
        t.interrupt();
        t.join(5_000);
        return owner.cancelled();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
      t.interrupt();
      return true;
    }
  }

  private StageRun.Attempt outcome(StepResult r, Throwable error) {
    if (error != null) {
      return StageRun.Attempt.failed("step '" + ((Action.Uses) stage.action()).step() + "' failed: "
          + StageRun.message(error));
    }
    draft.metrics.putAll(r.metrics());
    draft.details.addAll(r.details());
    if (r.output().present()) {
      draft.output = r.output();
    }
    draft.stepOutcome = r.passed() ? r.reason() : "";
    return switch (r.outcome()) {
      case PASSED -> StageRun.Attempt.success();
      case WAITING -> new StageRun.Attempt(StageRun.Attempt.Kind.WAITING, r.reason());
      case FAILED -> StageRun.Attempt.failed(r.reason());
    };
  }

  private static long jvmPeakRss() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not on Linux
    }
    return -1;
  }

  @Override
  public Path projectDir() {
    return inputs.projectDir();
  }

  @Override
  public long runId() {
    return runId;
  }

  @Override
  public String stageName() {
    return stage.name();
  }

  @Override
  public Map<String, Object> with() {
    return inputs.with();
  }

  @Override
  public Map<String, Object> params() {
    return inputs.params();
  }

  @Override
  public PrintStream log() {
    return log.stream();
  }

  @Override
  public Path reportDir() {
    return ws.runsDir().resolve(Long.toString(runId)).resolve(stage.name());
  }

  @Override
  public boolean cancelled() {
    return stopped || owner.cancelled();
  }

  @Override
  public Pipeline pipeline() {
    return inputs.pipeline();
  }

  @Override
  public List<String> upstreamStages() {
    return inputs.upstreamStages();
  }

  @Override
  public Map<String, Double> upstreamMetrics(String stageName) {
    return inputs.upstreamMetrics(stageName);
  }

  @Override
  public List<String> upstreamDetails(String stageName) {
    return inputs.upstreamDetails(stageName);
  }

  @Override
  public <T> List<Upstream<T>> upstream(OutputType<T> type) {
    return inputs.upstream(type);
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return inputs.service(type);
  }

  @Override
  public Clock clock() {
    return inputs.clock();
  }
}
