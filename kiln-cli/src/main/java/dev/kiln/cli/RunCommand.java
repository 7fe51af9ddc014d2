package dev.kiln.cli;

import dev.kiln.core.config.Suggestions;
import dev.kiln.core.exec.ExecOptions;
import dev.kiln.core.exec.Executor;
import dev.kiln.core.exec.RunListener;
import dev.kiln.core.exec.RunOutcome;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.plan.Dag;
import dev.kiln.core.plan.StageGraph;
import dev.kiln.core.plan.StageStatus;
import dev.kiln.core.plan.StatusCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln run}: runs the pipeline, or named stages and what they need. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the pipeline: every stage that is not up to date, in dependency order, in parallel.",
        "",
        "A stage whose inputs (command, deps, params, env) equal its last result is up to date and",
        "does not run. One whose inputs match any earlier result is restored from the cache.",
        "Otherwise it runs, and its outputs are stored. A failed stage skips everything downstream."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln run                       the whole pipeline",
        "  kiln run train                 'train' and every stage it needs",
        "  kiln run prepare --downstream  'prepare' and every stage after it",
        "  kiln run --force train         run 'train' and its needs even if up to date",
        "  kiln run --dry-run             say what would run, and why; change nothing"})
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

  @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run that waits for approval, after "
      + "'kiln approve' or 'kiln reject'.")
  String resume;

  @Override
  public Integer call() throws IOException {
    var gitState = GitInfo.async(Project.locate(root.projectDir));
    try (Project project = Project.open(root)) {
      Dag dag = StageGraph.of(project.pipeline);
      Optional<RunRecord> resumed = resumedRun(project);
      resumed.ifPresent(r -> targets = new ArrayList<>(r.targets()));
      Set<String> selected = select(project, dag);
      GitState git = gitState.join();
      dev.kiln.core.Trace.mark("git state read");
      if (dryRun) {
        return dryRun(project, dag, selected, git);
      }
      Duration wait = waitFor == null ? Duration.ZERO : dev.kiln.core.config.Durations.parse(waitFor);
      Optional<RunLock> lock = RunLock.acquire(project.kilnDir(), wait,
          () -> root.err.println("kiln: waiting for the run held by " + RunLock.holder(project.kilnDir()) + " …"));
      if (lock.isEmpty()) {
        root.err.println("kiln: another kiln run is in progress on this project (" + RunLock.holder(project.kilnDir())
            + "); wait for it to finish, or pass --wait 10m to queue behind it");
        return ExitCodes.BUSY;
      }
      try (RunLock held = lock.get()) {
        recover(project);
        return execute(project, dag, selected, git, resumed);
      }
    }
  }

  /** The run named by --resume: it must be waiting for approval. */
  private Optional<RunRecord> resumedRun(Project project) {
    if (resume == null) {
      return Optional.empty();
    }
    if (!targets.isEmpty() || downstream || force || dryRun) {
      throw new UsageException("--resume continues a run as it was started: it takes no stages, --downstream, "
          + "--force or --dry-run");
    }
    RunRecord r = RunRefs.resolve(project, resume);
    if (r.status() != RunStatus.WAITING) {
      throw new UsageException("run " + r.id() + " is not waiting for approval (it " + r.status().label()
          + "); only a waiting run can be resumed");
    }
    return Optional.of(r);
  }

  private Set<String> select(Project project, Dag dag) {
    for (String t : targets) {
      if (!project.pipeline.stages().containsKey(t)) {
        throw new UsageException("unknown stage '" + t + "'" + Suggestions.hint(t, project.pipeline.stages().keySet())
            + "; stages: " + String.join(", ", project.pipeline.stages().keySet()));
      }
    }
    if (targets.isEmpty()) {
      return dag.stages();
    }
    return downstream ? dag.withDescendants(targets) : dag.withAncestors(targets);
  }

  /** Marks runs left RUNNING by a dead process as interrupted and drops half-written temp files. */
  private void recover(Project project) throws IOException {
    List<Long> ids = project.store.runs().interruptAbandoned(project.pipeline.name(),
        "interrupted: the kiln process stopped before the run finished", Instant.now());
    for (long id : ids) {
      root.err.println("kiln: run " + id + " did not finish (its process was killed); marked as interrupted");
    }
    Path tmp = project.artifacts.root().resolve("tmp");
    if (Files.isDirectory(tmp)) {
      try (var s = Files.list(tmp)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private int execute(Project project, Dag dag, Set<String> selected, GitState git, Optional<RunRecord> resumed) {
    int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new UsageException("--jobs must be at least 1");
    }
    ExecOptions options = new ExecOptions(n, keepGoing, force, "manual", git);
    RunListener listener = json ? new ConsoleRenderer(root.err, false, quiet)
        : new ConsoleRenderer(root.out, System.console() != null && root.standalone, quiet);
    Executor executor = new Executor(project.workspace(Map.of()), dag, options, listener, Clock.systemUTC());
    NewRun newRun = new NewRun(project.pipeline.name(), "manual", git,
        CanonicalJson.write(project.pipeline.params().asMap()), KilnVersion.get(), hostName(), Instant.now(), targets);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      executor.cancel();
      try {
        finished.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kiln-cancel");
    if (root.standalone) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    RunOutcome outcome;
    try {
      outcome = resumed.isPresent() ? executor.resume(resumed.get().id(), selected) : executor.run(newRun, selected);
    } finally {
      finished.countDown();
    }
    if (root.standalone) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down (cancelled): the hook is running
      }
    }
    dev.kiln.core.Trace.mark("run finished");
    if (json) {
      root.out.println(Json.pretty(outcomeJson(outcome)));
    }
    return exitCode(outcome.status());
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

  private int dryRun(Project project, Dag dag, Set<String> selected, GitState git) {
    StatusCheck check = project.statusCheck(dag, git);
    List<StageStatus> statuses = check.check(selected, force);
    if (json) {
      root.out.println(Json.pretty(Json.object("dry_run", true, "stages", Json.statuses(statuses))));
      return ExitCodes.OK;
    }
    for (StageStatus s : statuses) {
      String verb = switch (s.state()) {
        case UP_TO_DATE -> "up to date, would not run";
        case RESTORABLE -> "would be restored from cache (run " + s.cachedRun().orElse(0L) + ")";
        case CHANGED -> "would run";
        case SKIPPED -> "would be skipped";
      };
      String why = s.reasons().isEmpty() ? "" : ": " + String.join("; ", s.reasons());
      root.out.println(s.stage() + ": " + verb + why);
    }
    return ExitCodes.OK;
  }

  static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h;
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
