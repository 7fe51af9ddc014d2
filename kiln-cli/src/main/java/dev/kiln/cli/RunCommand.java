package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import dev.kiln.core.exec.RunListener;
import dev.kiln.core.exec.RunOutcome;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.runs.Cancellation;
import dev.kiln.core.runs.RunRequest;
import dev.kiln.core.runs.RunResult;
import dev.kiln.core.runs.Runs;
import dev.kiln.core.trigger.CiEnvironment;
import dev.kiln.core.trigger.TriggerName;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln run}: parses the options into a {@link RunRequest}, hands it to {@link Runs}, renders the outcome. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the pipeline: every stage that is not up to date, in dependency order, in parallel.",
        "",
        "A stage whose inputs (command, deps, params, env) equal its last result is up to date and "
            + "does not run. One whose inputs match any earlier result is restored from the cache. "
            + "Otherwise it runs, and its outputs are stored. A failed stage skips everything downstream."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln run                       the whole pipeline",
        "  kiln run train                 'train' and every stage it needs",
        "  kiln run prepare --downstream  'prepare' and every stage after it",
        "  kiln run --force train         run 'train' and its needs even if up to date",
        "  kiln run --dry-run             say what would run, and why; change nothing",
        "  kiln run --trigger schedule:nightly   record what started the run"})
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(paramLabel = "STAGE", arity = "0..*", description = "Stages to run (default: all).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--downstream", description = "Run the named stages and everything downstream of them.")
  boolean downstream;

  @Option(names = {"-f", "--force"}, description = "Run the selected stages even if up to date; skip the cache.")
  boolean force;

  @Option(names = "--dry-run", description = "Print what would happen and why; run nothing.")
  boolean dryRun;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Stages run at once (default: number of cores).")
  Integer jobs;

  @Option(names = {"-k", "--keep-going"}, description = "After a failure, finish the independent branches.")
  boolean keepGoing;

  @Option(names = "--wait", paramLabel = "DURATION", description = "If another run holds the project, wait this long "
      + "for it (e.g. 10m) instead of refusing.")
  String waitFor;

  @Option(names = {"-q", "--quiet"}, description = "Do not echo stage output (it is still saved; see 'kiln logs').")
  boolean quiet;

  @Option(names = "--json", description = "Print the outcome as JSON on stdout (stage output goes to stderr).")
  boolean json;

  @Option(names = "--trigger", paramLabel = "KIND[:CAUSE]", description = "What started this run, recorded with it: "
      + "manual (default), push, schedule, data, ci or monitor:RULE, optionally followed by ':' and the cause in words "
      + "(push:a1b2c3d modified data/train.csv). In GitHub Actions, GitLab CI, Jenkins or CircleCI, the CI job's URL, "
      + "commit, branch and pull request are recorded too.")
  String trigger;

  @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run that waits for approval, after "
      + "'kiln approve' or 'kiln reject'.")
  String resume;

  @Override
  public Integer call() throws IOException {
    var gitState = GitInfo.async(Project.locate(root.projectDir));
    Duration wait = waitDuration();
    try (Project project = Project.open(root)) {
      Optional<Long> resumed = resumedRun(project);
      GitState git = gitState.join();
      dev.kiln.core.Trace.mark("git state read");
      TriggerName started = triggerName();
      RunRequest request = new RunRequest(targets, downstream, force, jobs(), keepGoing, wait, started.kind(), git,
          resumed, started.cause(), CiEnvironment.detect(System.getenv()));
      Runs runs = project.runs(root.clock);
      if (dryRun) {
        return new DryRunView(root, json).print(runs.plan(request));
      }
      return execute(project, runs, request);
    }
  }

  private TriggerName triggerName() {
    if (trigger == null) {
      return new TriggerName("manual", "");
    }
    try {
      return TriggerName.parse(trigger);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--trigger: " + e.getMessage());
    }
  }

  private Duration waitDuration() {
    if (waitFor == null) {
      return Duration.ZERO;
    }
    try {
      return Durations.parse(waitFor);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--wait: " + e.getMessage());
    }
  }

  private int jobs() {
    int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new UsageException("--jobs must be at least 1");
    }
    return n;
  }

  /** The run named by --resume, which continues as it was started. */
  private Optional<Long> resumedRun(Project project) {
    if (resume == null) {
      return Optional.empty();
    }
    if (!targets.isEmpty() || downstream || force || dryRun) {
      throw new UsageException("--resume continues a run as it was started: it takes no stages, --downstream, "
          + "--force or --dry-run");
    }
    RunRecord r = RunRefs.resolve(project, resume);
    return Optional.of(r.id());
  }

  private int execute(Project project, Runs runs, RunRequest request) throws IOException {
    RunListener listener = json ? new ConsoleRenderer(root.err, root.err, false, quiet)
        : new ConsoleRenderer(root.out, root.err, System.console() != null && root.standalone, quiet);
    Cancellation cancel = new Cancellation();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.cancel();
      awaitQuietly(finished);
    }, "kiln-cancel");
    if (root.standalone) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    RunResult result;
    try {
      result = runs.start(request, listener, cancel,
          () -> root.err.println("kiln: waiting for the run held by " + runs.lockHolder() + " …"));
    } finally {
      finished.countDown();
    }
    removeHook(hook);
    dev.kiln.core.Trace.mark("run finished");
    if (result instanceof RunResult.Busy busy) {
      root.err.println("kiln: another kiln run is in progress on this project (" + busy.holder()
          + "); wait for it to finish, or pass --wait 10m to queue behind it");
      return ExitCodes.BUSY;
    }
    RunOutcome outcome = ((RunResult.Finished) result).outcome();
    if (json) {
      root.out.println(Json.pretty(outcomeJson(outcome)));
    }
    return exitCode(outcome.status());
  }

  private static void awaitQuietly(CountDownLatch finished) {
    try {
      finished.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeHook(Thread hook) {
    if (!root.standalone) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down (cancelled): the hook is running
    }
  }

  static int exitCode(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> ExitCodes.OK;
      case CANCELLED -> ExitCodes.CANCELLED;
      case WAITING -> ExitCodes.WAITING;
      default -> ExitCodes.FAILED;
    };
  }

  private static Map<String, Object> outcomeJson(RunOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", o.runId());
    m.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("summary", o.reason());
    List<Object> stages = new ArrayList<>();
    o.stages().values().forEach(r -> stages.add(Json.execution(r)));
    m.put("stages", stages);
    return m;
  }
}
