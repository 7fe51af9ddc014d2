package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import dev.kiln.core.trigger.WatchLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln watch}: polls the triggers of kiln.yaml's {@code on:} and starts the runs they ask for. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Watch the project and start runs when kiln.yaml's 'on:' says so: commits on watched branches that touch "
            + "watched paths (push), cron schedules (schedule), watched data whose content changed (data), and "
            + "runs asked for by monitor rules (monitor).",
        "",
        "One run of the pipeline goes at a time; what fires meanwhile waits as one queued run. What was seen is "
            + "kept in the metadata store, so a restarted watch starts nothing twice, and what happened while it "
            + "was down starts one run (a missed schedule runs once). Each decision is printed as one line. "
            + "SIGTERM or Ctrl-C cancels the current run as 'kiln run' does and stops."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln watch                   poll every 5 seconds until stopped",
        "  kiln watch --interval 1m     poll every minute",
        "  kiln watch --once            poll once, run what fired, exit (cron, CI)",
        "  kiln watch --json            one JSON object per decision"})
final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
      description = "Time between polls (default: 5s).")
  String interval;

  @Option(names = "--once", description = "Poll once, wait for the run it starts, and exit with that run's code.")
  boolean once;

  @Option(names = "--json", description = "Print each decision as one JSON object per line (stage output goes to "
      + "stderr).")
  boolean json;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Stages run at once (default: number of cores).")
  Integer jobs;

  @Option(names = {"-q", "--quiet"}, description = "Do not echo stage output (it is still saved; see 'kiln logs').")
  boolean quiet;

  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    Duration every = every();
    int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new UsageException("--jobs must be at least 1");
    }
    try (Project project = Project.open(root)) {
      Optional<WatchLock> lock = WatchLock.acquire(project.kilnDir());
      if (lock.isEmpty()) {
        root.err.println("kiln: another kiln watch is watching this project (" + WatchLock.holder(project.kilnDir())
            + "); one watch per project");
        return ExitCodes.BUSY;
      }
      Optional<JGitLog> git = JGitLog.open(project.dir);
      try (WatchLock held = lock.get()) {
        WatchLoop loop = new WatchLoop(root, project, git.map(g -> g), json, quiet, n);
        if (!loop.triggers().watchesAnything()) {
          root.err.println("kiln watch: kiln.yaml's 'on:' watches nothing (no push, schedule or data); only queued "
              + "runs will start");
        }
        if (loop.triggers().push().isPresent() && git.isEmpty()) {
          root.err.println("kiln watch: " + project.dir + " is not in a git repository; 'on: push' watches nothing");
        }
        return withStopHook(loop, () -> once ? once(loop) : forever(loop, every));
      } finally {
        git.ifPresent(JGitLog::close);
      }
    }
  }

  /** Runs {@code work} with a shutdown hook that cancels the current run and waits for it to be recorded. */
  private int withStopHook(WatchLoop loop, java.util.function.IntSupplier work) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopping = true;
      if (loop.running()) {
        root.err.println("kiln watch: stopping; cancelling the current run");
      }
      loop.stop();
      loop.awaitRun(Duration.ofSeconds(20));
      awaitQuietly(stopped);
    }, "kiln-watch-stop");
    if (root.standalone) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try {
      return work.getAsInt();
    } finally {
      stopped.countDown();
      if (root.standalone) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down: the hook is running
        }
      }
    }
  }

  private int once(WatchLoop loop) {
    loop.tick();
    loop.awaitRun(Duration.ofDays(365));
    return loop.lastExit();
  }

  private int forever(WatchLoop loop, Duration every) {
    while (!stopping) {
      try {
        loop.tick();
      } catch (RuntimeException e) {
        root.err.println("kiln watch: this poll failed, trying again in " + Durations.format(every) + ": "
            + dev.kiln.core.Failures.describe(e));
      }
      sleep(every);
    }
    return ExitCodes.OK;
  }

  private void sleep(Duration every) {
    long until = System.nanoTime() + every.toNanos();
    while (!stopping && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration every() {
    try {
      Duration d = Durations.parse(interval);
      if (d.isZero()) {
        throw new UsageException("--interval must be longer than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--interval: " + e.getMessage());
    }
  }
}
