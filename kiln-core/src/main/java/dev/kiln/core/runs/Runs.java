package dev.kiln.core.runs;

import dev.kiln.core.artifact.ArtifactReferences;
import dev.kiln.core.artifact.Fsck;
import dev.kiln.core.config.Suggestions;
import dev.kiln.core.exec.ExecOptions;
import dev.kiln.core.exec.Executor;
import dev.kiln.core.exec.RunEvent;
import dev.kiln.core.exec.RunListener;
import dev.kiln.core.exec.RunOutcome;
import dev.kiln.core.exec.Workspace;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.plan.ConditionNames;
import dev.kiln.core.plan.Dag;
import dev.kiln.core.plan.StageGraph;
import dev.kiln.core.plan.StageStatus;
import dev.kiln.core.plan.StatusCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts and plans runs of one project's pipeline: the service the CLI, {@code kiln watch},
 * monitor actions and a server all call. A run takes the project's lock (or reports who holds
 * it), recovers runs whose owner is provably gone, records itself with its owner, renews its
 * lease while it executes, and tells its listener everything as events. Planning (status and
 * {@code --dry-run}) decides each stage with the same rules, and changes nothing.
 */
public final class Runs {
  /** How long a run on another host may stay silent before recovery may claim it. */
  public static final Duration LEASE = Duration.ofMinutes(1);
  private static final Duration BEAT = Duration.ofSeconds(10);
  private final Workspace ws;
  private final Path kilnDir;
  private final Clock clock;
  private final RunOwner self;
  private final String kilnVersion;
  private final Liveness liveness;

  public Runs(Workspace ws, Path kilnDir, Clock clock, RunOwner self, String kilnVersion) {
    this.ws = ws;
    this.kilnDir = kilnDir;
    this.clock = clock;
    this.self = self;
    this.kilnVersion = kilnVersion;
    this.liveness = new Liveness(self.host(), ProcessTable.SYSTEM, LEASE);
  }

  /**
   * Runs what the request selects, unless another run holds the lock ({@code onWait} is called
   * once if the request waits for it). {@code cancel} stops the run from any thread.
   */
  public RunResult start(RunRequest req, RunListener listener, Cancellation cancel, Runnable onWait)
      throws IOException {
    Dag dag = StageGraph.of(ws.pipeline());
    Optional<RunRecord> resumed = resumed(req);
    Set<String> selected = select(dag, resumed.map(RunRecord::targets).orElse(req.targets()), req.downstream());
    Optional<RunLock> lock = RunLock.acquire(kilnDir, req.waitForLock(), onWait);
    if (lock.isEmpty()) {
      return new RunResult.Busy(RunLock.holder(kilnDir));
    }
    try (RunLock held = lock.get()) {
      recover(listener);
      return new RunResult.Finished(execute(req, dag, selected, resumed, listener, cancel));
    }
  }

  /** What running the request would do with each selected stage, and why; runs nothing. */
  public List<StageStatus> plan(RunRequest req) {
    Dag dag = StageGraph.of(ws.pipeline());
    Set<String> selected = select(dag, req.targets(), req.downstream());
    StatusCheck check = new StatusCheck(ws.pipeline(), dag, ws.decider(), ws.history(),
        ConditionNames.of(ws.pipeline(), req.git(), req.trigger()), type -> ws.service(type).map(Object.class::cast),
        clock);
    return check.check(selected, req.force());
  }

  /** Who holds the project's run lock, as its holder wrote it. */
  public String lockHolder() {
    return RunLock.holder(kilnDir);
  }

  /** Why a recorded running run is abandoned, or empty while its owner may be alive. */
  public Optional<String> abandoned(RunRecord run) {
    return run.status() == RunStatus.RUNNING ? liveness.abandoned(run, clock.instant()) : Optional.empty();
  }

  /** Deletes objects no record references; under the lock, so it never races a run. */
  public Optional<Gc.Result> gc(List<ArtifactReferences> holders, boolean dryRun) throws IOException {
    Optional<RunLock> lock = RunLock.acquire(kilnDir, Duration.ZERO, () -> {});
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    try (RunLock held = lock.get()) {
      return Optional.of(new Gc(ws.store(), holders).collect(dryRun));
    }
  }

  /** Verifies the store; with {@code repairFrom}, repairs it under the lock. Empty if a run holds the lock. */
  public Optional<Fsck.Report> fsck(List<ArtifactReferences> holders, Optional<java.util.Map<dev.kiln.core.hash.Digest,
      Path>> repairFrom) throws IOException {
    Fsck fsck = new Fsck(ws.store(), holders);
    if (repairFrom.isEmpty()) {
      return Optional.of(fsck.check());
    }
    Optional<RunLock> lock = RunLock.acquire(kilnDir, Duration.ZERO, () -> {});
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    try (RunLock held = lock.get()) {
      return Optional.of(fsck.repair(fsck.check(), repairFrom.get()));
    }
  }

  private RunOutcome execute(RunRequest req, Dag dag, Set<String> selected, Optional<RunRecord> resumed,
      RunListener listener, Cancellation cancel) {
    ExecOptions options = new ExecOptions(req.jobs(), req.keepGoing(), req.force(), req.trigger(), req.git());
    Executor executor = new Executor(ws, dag, options, listener, clock);
    cancel.onCancel(executor::cancel);
    long runId = resumed.map(RunRecord::id).orElseGet(() -> ws.history().startRun(newRun(req)));
    resumed.ifPresent(r -> ws.history().reopenRun(r.id(), self, clock.instant()));
    try (Heartbeat beat = new Heartbeat(ws.history(), runId, clock, BEAT)) {
      return resumed.isPresent() ? executor.resume(runId, selected) : executor.run(runId, selected);
    }
  }

  private NewRun newRun(RunRequest req) {
    return new NewRun(ws.pipeline().name(), req.trigger(), req.git(),
        CanonicalJson.write(ws.pipeline().params().asMap()), kilnVersion, self.host(), clock.instant(), req.targets(),
        self, req.cause(), req.ci());
  }

  /** Marks runs whose owner is gone as interrupted and drops temporary files their writers left. */
  private void recover(RunListener listener) throws IOException {
    for (RunRecord r : ws.history().running(ws.pipeline().name())) {
      Optional<String> gone = liveness.abandoned(r, clock.instant());
      if (gone.isPresent() && ws.history().interrupt(r.id(), "interrupted: " + gone.get(), clock.instant())) {
        listener.on(new RunEvent.Recovered(r.id(), gone.get()));
      }
    }
    for (Path p : ws.store().abandonedTemps()) {
      Files.deleteIfExists(p);
    }
  }

  private Optional<RunRecord> resumed(RunRequest req) {
    if (req.resume().isEmpty()) {
      return Optional.empty();
    }
    long id = req.resume().get();
    RunRecord r = ws.history().run(id).orElseThrow(() -> new RunRequestException("no run " + id));
    if (r.status() != RunStatus.WAITING) {
      throw new RunRequestException("run " + r.id() + " is not waiting for approval (it " + r.status().label()
          + "); only a waiting run can be resumed");
    }
    return Optional.of(r);
  }

  private Set<String> select(Dag dag, List<String> targets, boolean downstream) {
    Set<String> known = ws.pipeline().stages().keySet();
    for (String t : targets) {
      if (!known.contains(t)) {
        throw new RunRequestException("unknown stage '" + t + "'" + Suggestions.hint(t, known) + "; stages: "
            + String.join(", ", known));
      }
    }
    if (targets.isEmpty()) {
      return dag.stages();
    }
    return downstream ? dag.withDescendants(targets) : dag.withAncestors(targets);
  }
}
