package dev.kiln.cli;

import dev.kiln.release.approval.Approval;
import dev.kiln.release.registry.Actors;
import dev.kiln.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln approve}, {@code kiln reject} and {@code kiln approvals}: decisions at manual gates. */
final class ApprovalCommands {
  private ApprovalCommands() {}

  static int decide(KilnCommand root, long run, String stage, Approval.Decision decision, String who, String comment) {
    try (StoreAccess access = StoreAccess.open(root)) {
      String at = stage != null ? stage : pendingStage(access, run);
      Approval a;
      try {
        a = access.store.approvals().decide(run, at, decision, Actors.or(who),
            comment == null ? "" : comment, root.clock.instant());
      } catch (StoreException e) {
        throw new UsageException(e.getMessage());
      }
      if (a.decision() == Approval.Decision.EXPIRED) {
        root.err.println("kiln: the approval of run " + run + " expired at " + a.deadline()
            + " with nobody deciding; it counts as rejected");
        return ExitCodes.FAILED;
      }
      String verb = a.decision() == Approval.Decision.APPROVED ? "approved" : "rejected";
      root.out.println(verb + " run " + run + " at gate '" + at + "' as " + a.decidedBy()
          + (a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment()));
      root.out.println("continue with: kiln run --resume " + run);
      return ExitCodes.OK;
    }
  }

  private static String pendingStage(StoreAccess access, long run) {
    List<Approval> mine = access.store.approvals().pending().stream().filter(a -> a.runId() == run).toList();
    if (mine.isEmpty()) {
      throw new UsageException("run " + run + " has no pending approval; 'kiln approvals' lists the pending ones");
    }
    if (mine.size() > 1) {
      throw new UsageException("run " + run + " waits at several gates (" + String.join(", ",
          mine.stream().map(Approval::stage).toList()) + "); name one with --stage");
    }
    return mine.get(0).stage();
  }

  /** {@code kiln approve RUN}. */
  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve a run waiting at a manual gate; then 'kiln run --resume RUN' continues it."},
      footerHeading = "%nExample:%n", footer = "  kiln approve 12 --comment 'fairness reviewed' --as alice")
  static final class Approve implements Callable<Integer> {
    @ParentCommand
    KilnCommand root;

    @Parameters(paramLabel = "RUN", description = "The waiting run.")
    long run;

    @Option(names = "--stage", paramLabel = "STAGE", description = "The gate stage (needed if the run waits at several).")
    String stage;

    @Option(names = {"-m", "--comment"}, paramLabel = "TEXT", description = "Why; recorded with the decision.")
    String comment;

    @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: $KILN_USER, else $USER).")
    String who;

    @Override
    public Integer call() {
      return decide(root, run, stage, Approval.Decision.APPROVED, who, comment);
    }
  }

  /** {@code kiln reject RUN --comment TEXT}. */
  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = {"Reject a run waiting at a manual gate; resuming it then fails the gate."},
      footerHeading = "%nExample:%n", footer = "  kiln reject 12 --comment 'AUC drop on the new segment'")
  static final class Reject implements Callable<Integer> {
    @ParentCommand
    KilnCommand root;

    @Parameters(paramLabel = "RUN", description = "The waiting run.")
    long run;

    @Option(names = "--stage", paramLabel = "STAGE", description = "The gate stage (needed if the run waits at several).")
    String stage;

    @Option(names = {"-m", "--comment"}, paramLabel = "TEXT", required = true, description = "Why (required).")
    String comment;

    @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: $KILN_USER, else $USER).")
    String who;

    @Override
    public Integer call() {
      return decide(root, run, stage, Approval.Decision.REJECTED, who, comment);
    }
  }

  private static boolean expired(Approval a, Instant now) {
    return a.deadline() != null && a.deadline().isBefore(now);
  }

  /** {@code kiln approvals}: what waits for a decision. */
  @Command(name = "approvals", mixinStandardHelpOptions = true, description = "List runs waiting for approval.")
  static final class Pending implements Callable<Integer> {
    @ParentCommand
    KilnCommand root;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      try (StoreAccess access = StoreAccess.open(root)) {
        List<Approval> pending = access.store.approvals().pending();
        Instant now = root.clock.instant();
        if (json) {
          root.out.println(Json.pretty(pending.stream().map(a -> Json.object("run", a.runId(), "stage", a.stage(),
              "requested_at", a.requestedAt().toString(), "deadline", a.deadline() == null ? "" : a.deadline().toString(),
              "expired", expired(a, now)))
              .toList()));
          return ExitCodes.OK;
        }
        if (pending.isEmpty()) {
          root.out.println("Nothing waits for approval.");
          return ExitCodes.OK;
        }
        Table t = new Table("RUN", "GATE", "REQUESTED", "DEADLINE", "STATE");
        pending.forEach(a -> t.row(a.runId(), a.stage(), Format.time(a.requestedAt()), Format.time(a.deadline()),
            expired(a, now) ? "expired: counts as rejected when resumed" : "waiting"));
        t.print(root.out);
        return ExitCodes.OK;
      }
    }
  }
}
