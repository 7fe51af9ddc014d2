package dev.kiln.release.step;

import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import dev.kiln.release.approval.Approval;
import dev.kiln.release.approval.Approvals;
import dev.kiln.release.gate.GateSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manual part of a blessed gate: ask for a decision once, then apply it when the run resumes. */
final class ManualApproval {
  private final GateSpec spec;
  private final StepContext ctx;

  ManualApproval(GateSpec spec, StepContext ctx) {
    this.spec = spec;
    this.ctx = ctx;
  }

  StepResult decide(String blessed, Map<String, Double> metrics, List<String> details) {
    Approvals approvals = ctx.service(Approvals.class)
        .orElseThrow(() -> new IllegalStateException("manual approval needs the metadata store"));
    Instant now = ctx.clock().instant();
    Optional<Approval> found = approvals.find(ctx.runId(), ctx.stageName());
    if (found.isEmpty()) {
      Approval a = approvals.request(ctx.runId(), ctx.stageName(), now, spec.timeout().map(now::plus).orElse(null));
      String until = a.deadline() == null ? "" : " (until " + a.deadline() + ", then rejected)";
      return StepResult.waiting(blessed + "; waiting for approval" + until + ": kiln approve " + ctx.runId()
          + " or kiln reject " + ctx.runId() + ", then kiln run --resume " + ctx.runId(), metrics, details);
    }
    Approval a = found.get();
    if (a.expiredAt(now)) {
      a = approvals.decide(ctx.runId(), ctx.stageName(), Approval.Decision.EXPIRED, "kiln", "no decision before the deadline", now);
    }
    String comment = a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment();
    return switch (a.decision()) {
      case APPROVED -> StepResult.passed(blessed + "; approved by " + a.decidedBy() + comment, metrics, details);
      case REJECTED -> StepResult.failed("rejected by " + a.decidedBy() + comment, metrics, details);
      case EXPIRED -> StepResult.failed("approval timed out: nobody decided before " + a.deadline(), metrics, details);
      case PENDING -> StepResult.waiting(blessed + "; still waiting for approval: kiln approve " + ctx.runId(),
          metrics, details);
    };
  }
}
