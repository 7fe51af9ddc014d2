package dev.kiln.core.runs;

import dev.kiln.core.history.CiRun;
import dev.kiln.core.history.GitState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What to run: stages (empty: all) and whether to take what they need or what follows them, how
 * (force, parallel jobs, keep going after a failure), how long to wait for another run's lock,
 * what started it (trigger, its cause, the CI job) with the git state, and, to continue a run waiting for
 * approval, its id.
 */
public record RunRequest(
    List<String> targets,
    boolean downstream,
    boolean force,
    int jobs,
    boolean keepGoing,
    Duration waitForLock,
    String trigger,
    GitState git,
    Optional<Long> resume,
    String cause,
    CiRun ci) {

  public RunRequest {
    targets = List.copyOf(targets);
    cause = cause == null ? "" : cause;
    ci = ci == null ? CiRun.NONE : ci;
    if (jobs < 1) {
      throw new RunRequestException("jobs must be at least 1, not " + jobs);
    }
  }

  public RunRequest(List<String> targets, boolean downstream, boolean force, int jobs, boolean keepGoing,
      Duration waitForLock, String trigger, GitState git, Optional<Long> resume) {
    this(targets, downstream, force, jobs, keepGoing, waitForLock, trigger, git, resume, "", CiRun.NONE);
  }

  /** The same request, started by {@code trigger} for {@code cause}. */
  public RunRequest triggeredBy(String trigger, String cause) {
    return new RunRequest(targets, downstream, force, jobs, keepGoing, waitForLock, trigger, git, resume, cause, ci);
  }

  /** Run everything, as {@code kiln run} with no options does. */
  public static RunRequest all(GitState git) {
    return new RunRequest(List.of(), false, false, Runtime.getRuntime().availableProcessors(), false, Duration.ZERO,
        "manual", git, Optional.empty());
  }
}
