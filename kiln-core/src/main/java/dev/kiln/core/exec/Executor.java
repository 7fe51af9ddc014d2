package dev.kiln.core.exec;

import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.plan.ConditionNames;
import dev.kiln.core.plan.Dag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the selected stages of a pipeline: in DAG order, up to {@code jobs} at once, skipping
 * everything downstream of a failure (and, without keep-going, everything not yet started),
 * recording each stage execution and the run. {@link #cancel()} stops running commands and
 * records the run as cancelled.
 */
public final class Executor {
  private final Workspace ws;
  private final Dag dag;
  private final ExecOptions options;
  private final RunListener listener;
  private final Clock clock;
  private final Set<ProcessRunner> runners = ConcurrentHashMap.newKeySet();
  private final Set<Thread> stepThreads = ConcurrentHashMap.newKeySet();
  private final Map<String, ExecutionRecord> results = new ConcurrentHashMap<>();
  private final Object sleeper = new Object();
  private volatile boolean cancelled;
  private volatile long runId;

  public Executor(Workspace ws, Dag dag, ExecOptions options, RunListener listener, Clock clock) {
    this.ws = ws;
    this.dag = dag;
    this.options = options;
    this.listener = listener;
    this.clock = clock;
  }

  /** Executes {@code selected} (a set of stage names closed under needs) as the recorded run {@code run}. */
  public RunOutcome run(long run, Set<String> selected) {
    runId = run;
    return execute(selected, Map.of());
  }

  /**
   * Continues a run that stopped (waiting for approval) and was reopened: stages that already
   * have a result in it keep it; every other selected stage is decided and run again under the
   * same run id.
   */
  public RunOutcome resume(long run, Set<String> selected) {
    runId = run;
    Map<String, ExecutionRecord> kept = new LinkedHashMap<>();
    for (ExecutionRecord e : ws.history().executions(run)) {
      if (selected.contains(e.stage())) {
        kept.put(e.stage(), e);
      }
    }
    kept.values().removeIf(e -> !e.status().hasResult());
    return execute(selected, kept);
  }

  private RunOutcome execute(Set<String> selected, Map<String, ExecutionRecord> kept) {
    Instant start = clock.instant();
    results.putAll(kept);
    listener.on(new RunEvent.RunStarted(runId, ws.pipeline().name(), List.copyOf(selected)));
    Map<String, ExecutionRecord> done = schedule(selected, kept);
    RunStatus status = cancelled ? RunStatus.CANCELLED
        : done.values().stream().anyMatch(r -> r.status() == ExecStatus.FAILED) ? RunStatus.FAILED
        : done.values().stream().anyMatch(r -> r.status() == ExecStatus.WAITING) ? RunStatus.WAITING
        : RunStatus.SUCCEEDED;
    String reason = summarize(done);
    Instant end = clock.instant();
    ws.history().finishRun(runId, status, reason, end);
    listener.on(new RunEvent.RunFinished(runId, status, reason, Duration.between(start, end)));
    return new RunOutcome(runId, status, reason, done);
  }

  public long runId() {
    return runId;
  }

  private Map<String, ExecutionRecord> schedule(Set<String> selected, Map<String, ExecutionRecord> kept) {
    ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
      Thread t = new Thread(r, "kiln-stage");
      t.setDaemon(true);
      return t;
    });
    CompletionService<ExecutionRecord> completion = new ExecutorCompletionService<>(pool);
    Map<String, ExecutionRecord> done = new LinkedHashMap<>(kept);
    Set<String> started = new LinkedHashSet<>(kept.keySet());
    Map<Future<ExecutionRecord>, String> running = new HashMap<>();
    String stopCause = null;
    try {
      while (true) {
        for (String name : dag.ready(selected, done.keySet(), started)) {
          if (waitsOnApproval(name, selected, done)) {
            started.add(name);
            continue;
          }
          Optional<String> blocked = blockedBy(name, selected, done, stopCause);
          if (blocked.isPresent()) {
            finishUnstarted(name, blocked.get(), done, started);
            continue;
          }
          if (running.size() >= options.jobs()) {
            break;
          }
          started.add(name);
          Stage stage = ws.pipeline().stage(name);
          running.put(completion.submit(new StageRun(this, ws, stage, runId, clock)), name);
        }
        if (running.isEmpty()) {
          if (dag.ready(selected, done.keySet(), started).isEmpty()) {
            break;
          }
          continue;
        }
        ExecutionRecord r = take(completion, running);
        done.put(r.stage(), r);
        results.put(r.stage(), r);
        listener.on(new RunEvent.StageFinished(r.stage(), r.status(), r.reason(), Duration.ofMillis(r.wallMillis())));
        if (stopCause == null && r.status() == ExecStatus.FAILED && !options.keepGoing()) {
          stopCause = "not started: stage '" + r.stage() + "' failed";
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return done;
  }

  /** A stage downstream of a gate waiting for approval stays unstarted and unrecorded until resumed. */
  private boolean waitsOnApproval(String name, Set<String> selected, Map<String, ExecutionRecord> done) {
    for (String up : dag.upstreamOf(name)) {
      ExecutionRecord u = done.get(up);
      if (selected.contains(up) && u != null && u.status() == ExecStatus.WAITING) {
        return true;
      }
    }
    return false;
  }

  /** Why a ready stage must not start, if it must not. */
  private Optional<String> blockedBy(String name, Set<String> selected, Map<String, ExecutionRecord> done,
      String stopCause) {
    for (String up : dag.upstreamOf(name)) {
      ExecutionRecord u = done.get(up);
      if (selected.contains(up) && u != null && !u.status().hasResult()) {
        return Optional.of("upstream '" + up + "' " + u.status().label());
      }
    }
    if (cancelled) {
      return Optional.of("not started: run cancelled");
    }
    return Optional.ofNullable(stopCause);
  }

  private void finishUnstarted(String name, String reason, Map<String, ExecutionRecord> done, Set<String> started) {
    Instant now = clock.instant();
    long id = ws.history().startExecution(runId, name, now);
    ExecStatus status = cancelled ? ExecStatus.CANCELLED : ExecStatus.SKIPPED;
    ExecutionRecord r = new ExecutionDraft(id, runId, name, now).finish(status, reason, now);
    ws.history().finishExecution(r);
    started.add(name);
    done.put(name, r);
    results.put(name, r);
    listener.on(new RunEvent.StageFinished(name, status, reason, Duration.ZERO));
  }

  private static ExecutionRecord take(CompletionService<ExecutionRecord> completion,
      Map<Future<ExecutionRecord>, String> running) {
    while (true) {
      try {
        Future<ExecutionRecord> f = completion.take();
        running.remove(f);
        return f.get();
      } catch (InterruptedException e) {
        // keep waiting: cancellation stops the stages themselves, which then complete
      } catch (ExecutionException e) {
        throw new IllegalStateException("stage task crashed", e.getCause());
      }
    }
  }

  private static String summarize(Map<String, ExecutionRecord> done) {
    Map<ExecStatus, Integer> counts = new LinkedHashMap<>();
    for (ExecStatus s : ExecStatus.values()) {
      counts.put(s, 0);
    }
    done.values().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    counts.forEach((s, n) -> {
      if (n > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(s == ExecStatus.SUCCEEDED ? "ran" : s.label());
      }
    });
    return sb.length() == 0 ? "nothing to do" : sb.toString();
  }

  /** Stops running commands and steps; stages not started are recorded as cancelled. */
  public void cancel() {
    cancelled = true;
    runners.forEach(ProcessRunner::cancel);
    stepThreads.forEach(Thread::interrupt);
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  ExecOptions options() {
    return options;
  }

  RunListener listener() {
    return listener;
  }

  /** Sleeps between retries; false if the run was cancelled meanwhile. */
  boolean sleep(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (sleeper) {
      while (!cancelled && System.nanoTime() < until) {
        try {
          sleeper.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return !cancelled;
  }

  void track(ProcessRunner r) {
    runners.add(r);
    if (cancelled) {
      r.cancel();
    }
  }

  void untrack(ProcessRunner r) {
    runners.remove(r);
  }

  void trackStep(Thread t) {
    stepThreads.add(t);
  }

  void untrackStep(Thread t) {
    stepThreads.remove(t);
  }

  /** Every stage {@code stage} transitively needs, in pipeline order. */
  List<String> ancestors(String stage) {
    List<String> out = new java.util.ArrayList<>(dag.withAncestors(List.of(stage)));
    out.remove(stage);
    return out;
  }

  /** This run's record of a stage, else the stage's last result in history. */
  Optional<ExecutionRecord> result(String stage) {
    ExecutionRecord r = results.get(stage);
    if (r != null) {
      return Optional.of(r);
    }
    return ws.history().lastResult(ws.pipeline().name(), stage);
  }

  /** The input context of a stage in this run: upstream results are this run's records. */
  dev.kiln.core.step.InputContext inputContext(Stage stage) {
    return new dev.kiln.core.plan.DecisionContext(ws.pipeline(), stage, ancestors(stage.name()), this::result,
        type -> ws.service(type).map(Object.class::cast), clock);
  }

  Map<String, Object> conditionNames() {
    return ConditionNames.of(ws.pipeline(), options.git(), options.trigger());
  }

  /**
   * The environment of a stage's commands: inherited, plus KILN_*, what upstream steps exported
   * (a deploy stage's {@code KILN_ENDPOINT_STAGING}), and the stage's env.
   */
  Map<String, String> environment(Stage stage, long run) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KILN_RUN_ID", Long.toString(run));
    env.put("KILN_STAGE", stage.name());
    env.put("KILN_PROJECT_DIR", ws.projectDir().toAbsolutePath().toString());
    for (String key : stage.params()) {
      Object v = ws.pipeline().params().get(key).orElse(null);
      env.put(paramVariable(key), v instanceof Map || v instanceof List
          ? dev.kiln.core.fingerprint.CanonicalJson.write(v) : String.valueOf(v));
    }
    for (String up : ancestors(stage.name())) {
      result(up).ifPresent(r -> env.putAll(r.output().exports()));
    }
    env.putAll(stage.env());
    return env;
  }

  /** {@code train.learning-rate} → {@code KILN_PARAM_TRAIN_LEARNING_RATE}. */
  public static String paramVariable(String key) {
    return "KILN_PARAM_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
