package dev.kiln.core.exec;

import dev.kiln.core.config.Durations;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
  private volatile boolean stopped;

  StepCall(Executor owner, Workspace ws, Stage stage, long runId, ExecutionDraft draft, StageLog log) {
    this.owner = owner;
    this.ws = ws;
    this.stage = stage;
    this.runId = runId;
    this.draft = draft;
    this.log = log;
  }

  StageRun.Attempt call() {
    Action.Uses uses = (Action.Uses) stage.action();
    Step step = ws.steps().find(uses.step())
        .orElseThrow(() -> new IllegalStateException("step '" + uses.step() + "' is not installed"));
    StepResult[] result = new StepResult[1];
    Throwable[] error = new Throwable[1];
    long[] cpu = new long[1];
    Thread t = new Thread(() -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      try {
        result[0] = step.run(this);
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
    return ws.projectDir();
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
    return ((Action.Uses) stage.action()).with();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> out = new LinkedHashMap<>();
    stage.params().forEach(k -> out.put(k, ws.pipeline().params().get(k).orElse(null)));
    return out;
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
  public dev.kiln.core.pipeline.Pipeline pipeline() {
    return ws.pipeline();
  }

  @Override
  public java.util.List<String> upstreamStages() {
    return owner.ancestors(stage.name());
  }

  @Override
  public Map<String, Double> upstreamMetrics(String stageName) {
    return owner.result(stageName).map(ExecutionRecord::metrics).orElse(Map.of());
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return ws.service(type);
  }
}
