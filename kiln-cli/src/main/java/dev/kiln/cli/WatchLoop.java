package dev.kiln.cli;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.exec.RunEvent;
import dev.kiln.core.exec.RunListener;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.hash.PathHash;
import dev.kiln.core.history.CiRun;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.runs.Cancellation;
import dev.kiln.core.runs.RunQueue;
import dev.kiln.core.runs.RunRequest;
import dev.kiln.core.runs.RunResult;
import dev.kiln.core.trigger.Finding;
import dev.kiln.core.trigger.GitLog;
import dev.kiln.core.trigger.Triggers;
import dev.kiln.core.trigger.Watcher;
import dev.kiln.store.MetadataStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code kiln watch} does each poll: reads the triggers from kiln.yaml as it is now, lets the
 * {@link Watcher} queue what fired, and starts the waiting request when no run of the pipeline is
 * going (a request that arrives meanwhile waits, joined by later ones). Runs go through {@link
 * dev.kiln.core.runs.Runs} with their trigger and cause, one at a time, on a worker thread; every
 * decision is printed as one line.
 */
final class WatchLoop {
  /** A run the loop started, until it is recorded as finished. */
  private record Current(long requestId, String cause, Cancellation cancel, Thread thread) {}

  private final KilnCommand root;
  private final Path dir;
  private final String pipeline;
  private final MetadataStore store;
  private final Watcher watcher;
  private final boolean json;
  private final boolean quiet;
  private final int jobs;
  private final dev.kiln.core.step.StepRegistry steps;
  private Triggers triggers;
  private String configProblem = "";
  private long busyNoticeFor = -1;
  private volatile Current current;
  private boolean stopped;
  private volatile int lastExit = ExitCodes.OK;

  WatchLoop(KilnCommand root, Project project, Optional<GitLog> git, boolean json, boolean quiet, int jobs) {
    this.root = root;
    this.dir = project.dir;
    this.pipeline = project.pipeline.name();
    this.store = project.store;
    this.triggers = Triggers.of(project.pipeline);
    this.json = json;
    this.quiet = quiet;
    this.jobs = jobs;
    this.steps = project.steps;
    this.watcher = new Watcher(pipeline, store.triggerState(), git, this::digests, root.clock);
  }

  Triggers triggers() {
    return triggers;
  }

  /** One poll: check every trigger, record and print what was found, and start a waiting run if none is going. */
  void tick() {
    reloadTriggers();
    for (Watcher.Decision d : watcher.poll(triggers)) {
      Finding f = d.finding();
      if (f.outcome() == Finding.Outcome.WATCH) {
        say(f.trigger(), f.cause(), "watching", null, null);
      } else if (f.outcome() == Finding.Outcome.IGNORE) {
        say(f.trigger(), f.cause(), "ignored", null, null);
      } else if (current != null) {
        say(f.trigger(), f.cause(), "queued", current.cause(), d.requestId().orElse(null));
      }
    }
    drain();
  }

  /** Whether a run started by this loop is going. */
  boolean running() {
    return current != null;
  }

  /** Waits for the current run, if any, to be recorded as finished. */
  void awaitRun(Duration limit) {
    Current c = current;
    if (c == null) {
      return;
    }
    try {
      c.thread().join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts no more runs and cancels the current one as Ctrl-C cancels {@code kiln run}: its commands are
   * stopped and it is recorded as cancelled.
   */
  synchronized void stop() {
    stopped = true;
    Current c = current;
    if (c != null) {
      c.cancel().cancel();
    }
  }

  /** The exit code of the last run this loop finished, as {@code kiln run} would have exited. */
  int lastExit() {
    return lastExit;
  }

  private void reloadTriggers() {
    try {
      triggers = Triggers.of(new PipelineParser(steps).load(dir));
      configProblem = "";
    } catch (ConfigException e) {
      String first = e.problems().get(0).toString();
      if (!first.equals(configProblem)) {
        configProblem = first;
        root.err.println("kiln watch: " + first + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1)
            + " more)" : "") + "; watching with the triggers read before");
      }
    }
  }

  private synchronized void drain() {
    if (current != null || stopped) {
      return;
    }
    RunQueue queue = store.runQueue();
    Optional<RunQueue.Request> waiting = queue.waiting(pipeline);
    if (waiting.isEmpty()) {
      return;
    }
    RunQueue.Request r = waiting.get();
    Optional<String> refusal = Watcher.refusal(triggers, r);
    if (refusal.isPresent()) {
      queue.dismiss(r.id(), refusal.get(), root.clock.instant());
      say(r.trigger(), r.cause(), "dismissed", refusal.get(), r.id());
      return;
    }
    Cancellation cancel = new Cancellation();
    Thread t = new Thread(() -> runRequest(r, cancel), "kiln-watch-run");
    current = new Current(r.id(), r.cause(), cancel, t);
    t.start();
  }

  private void runRequest(RunQueue.Request r, Cancellation cancel) {
    try (Project project = Project.open(root)) {
      RunRequest req = new RunRequest(List.of(), false, false, jobs, false, Duration.ZERO, r.trigger(),
          GitInfo.of(dir), Optional.empty(), r.cause(), CiRun.NONE);
      RunListener renderer = json ? new ConsoleRenderer(root.err, root.err, false, quiet)
          : new ConsoleRenderer(root.out, root.err, false, quiet);
      RunListener listener = event -> {
        if (event instanceof RunEvent.RunStarted s) {
          store.runQueue().started(r.id(), s.runId());
          say(r.trigger(), r.cause(), "run", null, r.id(), s.runId());
        }
        renderer.on(event);
        if (event instanceof RunEvent.RunFinished f) {
          lastExit = RunCommand.exitCode(f.status());
        }
      };
      RunResult result = project.runs(root.clock).start(req, listener, cancel, () -> {});
      if (result instanceof RunResult.Busy busy && busyNoticeFor != r.id()) {
        busyNoticeFor = r.id();
        say(r.trigger(), r.cause(), "waiting", "another kiln run holds the project (" + busy.holder() + ")", r.id());
      }
    } catch (ConfigException e) {
      String why = "kiln.yaml has " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + ": "
          + e.problems().get(0);
      store.runQueue().dismiss(r.id(), why, root.clock.instant());
      say(r.trigger(), r.cause(), "dismissed", why, r.id());
      lastExit = ExitCodes.USAGE;
    } catch (RuntimeException | java.io.IOException e) {
      String why = dev.kiln.core.Failures.describe(e);
      store.runQueue().dismiss(r.id(), why, root.clock.instant());
      say(r.trigger(), r.cause(), "dismissed", why, r.id());
      lastExit = ExitCodes.FAILED;
    } finally {
      current = null;
    }
  }

  private void say(String trigger, String cause, String decision, String detail, Long request) {
    say(trigger, cause, decision, detail, request, null);
  }

  private synchronized void say(String trigger, String cause, String decision, String detail, Long request, Long run) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", root.clock.instant().toString());
      m.put("trigger", trigger);
      m.put("cause", cause);
      m.put("decision", decision);
      m.put("detail", detail);
      m.put("request", request);
      m.put("run", run);
      root.out.println(Json.line(m));
      return;
    }
    String text = cause.isEmpty() ? trigger : cause;
    String line = switch (decision) {
      case "watching" -> text;
      case "run" -> text + " -> run " + run;
      case "queued" -> text + " -> queued (a run is going for: " + detail + ")";
      default -> text + " -> " + decision + (detail == null ? "" : " (" + detail + ")");
    };
    root.out.println(line);
  }

  /** The watched paths' digests, from the hash cache where size, mtime and inode did not change. */
  private Map<String, String> digests(List<String> paths) {
    Map<String, String> out = new TreeMap<>();
    try (FileHasher hasher = new FileHasher(dir, store.hashes(), Runtime.getRuntime().availableProcessors())) {
      for (String p : paths) {
        PathHash h = hasher.hash(p);
        out.put(p, h.exists() ? h.digestText() : dev.kiln.core.trigger.DataCheck.MISSING);
      }
    }
    return out;
  }
}
