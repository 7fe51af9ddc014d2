package dev.kiln.core.history;

import dev.kiln.core.hash.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs and stage executions are recorded. The metadata store implements it over JDBC
 * (SQLite embedded, PostgreSQL for teams); the executor and the CLI only see this interface.
 * Implementations are safe for use from several threads.
 */
public interface RunHistory extends dev.kiln.core.artifact.ArtifactReferences {

  /** Records a new run as RUNNING and returns its id. */
  long startRun(NewRun run);

  void finishRun(long runId, RunStatus status, String reason, Instant endedAt);

  /** Marks a stopped run (waiting for approval) as RUNNING again under a new owner, to resume it. */
  void reopenRun(long runId, RunOwner owner, Instant at);

  /** Records that a stage started (status RUNNING), so a crash leaves a trace; returns its id. */
  long startExecution(long runId, String stage, Instant startedAt);

  /** Completes an execution started with {@link #startExecution} (same id). */
  void finishExecution(ExecutionRecord record);

  Optional<RunRecord> run(long runId);

  /** Newest first. */
  List<RunRecord> runs(String pipeline, int limit);

  List<ExecutionRecord> executions(long runId);

  /** Runs started at or after {@code since}, oldest first: of one pipeline, or of every pipeline when empty. */
  List<RunRecord> runsSince(Instant since, Optional<String> pipeline);

  /**
   * The executions of the runs {@link #runsSince} returns, in the order they were recorded, with
   * their metrics and outputs (read in a few queries, however many there are).
   */
  List<ExecutionRecord> executionsSince(Instant since, Optional<String> pipeline);

  /** The names of the pipelines with recorded runs, sorted. */
  List<String> pipelines();

  Optional<ExecutionRecord> execution(long executionId);

  /** The newest execution of a stage that left a result (succeeded, up to date, restored). */
  Optional<ExecutionRecord> lastResult(String pipeline, String stage);

  /** Executions of a stage with this fingerprint that left a result, newest first. */
  List<ExecutionRecord> resultsWithFingerprint(String pipeline, String stage, String fingerprint);

  /** Runs of the pipeline recorded as RUNNING, with their owners; which are abandoned is for the caller. */
  List<RunRecord> running(String pipeline);

  /** Renews a running run's lease: its owner is alive at {@code at}. */
  void heartbeat(long runId, Instant at);

  /**
   * Marks a run still RUNNING, and its executions still RUNNING, as INTERRUPTED (its owner is
   * gone). False if the run was no longer running (someone else recovered it, or it finished).
   */
  boolean interrupt(long runId, String reason, Instant at);

  /**
   * Every object digest an execution's outputs reference, with its kind (for a directory, the
   * manifest's digest; its entries are listed in the manifest).
   */
  @Override
  java.util.Map<Digest, dev.kiln.core.artifact.Output.Kind> referencedObjects();
}
