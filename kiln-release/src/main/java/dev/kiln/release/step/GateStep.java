package dev.kiln.release.step;

import dev.kiln.core.config.MapNode;
import dev.kiln.release.approval.Approval;
import dev.kiln.release.approval.Approvals;
import dev.kiln.release.gate.GateEvaluator;
import dev.kiln.release.gate.GateSpec;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code uses: gate}: decides whether a model may move on, with every reason in words. A gate
 * that is not blessed fails its stage (and so everything downstream). With
 * {@code approval: manual} a blessed gate then waits for {@code kiln approve} or
 * {@code kiln reject}; the run stops with exit code 3 and {@code kiln run --resume RUN}
 * continues.
 */
public final class GateStep implements Step {

  @Override
  public String name() {
    return "gate";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "bless a model or not: metric thresholds, change against a baseline version, manual approval";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    GateSpec.validate(with, check.reader());
  }

  @Override
  public StepResult run(StepContext ctx) {
    GateSpec spec = GateSpec.from(ctx.with());
    PrintStream log = ctx.log();
    Map<String, Map<String, Double>> upstream = new LinkedHashMap<>();
    for (String s : ctx.upstreamStages()) {
      upstream.put(s, ctx.upstreamMetrics(s));
    }
    Baseline base = baseline(spec, ctx);
    GateVerdict verdict = new GateEvaluator(upstream).evaluate(spec, base.version, base.label);
    List<String> details = new ArrayList<>(verdict.lines());
    details.forEach(log::println);
    Map<String, Double> metrics = Map.of(
        "gate.blessed", verdict.blessed() ? 1.0 : 0.0,
        "gate.checks", (double) verdict.checks().size(),
        "gate.failed", (double) verdict.failures().size());
    if (!verdict.blessed()) {
      String why = String.join("; ", verdict.failures().stream().map(GateVerdict.Check::text).toList());
      return StepResult.failed("not blessed: " + why, metrics, details);
    }
    String blessed = "blessed: " + verdict.checks().size() + " check" + (verdict.checks().size() == 1 ? "" : "s")
        + " passed" + (verdict.notes().isEmpty() ? "" : " (" + String.join("; ", verdict.notes()) + ")");
    if (spec.approval() != GateSpec.Approval.MANUAL) {
      return StepResult.passed(blessed, metrics, details);
    }
    return approval(spec, ctx, blessed, metrics, details);
  }

  private StepResult approval(GateSpec spec, StepContext ctx, String blessed, Map<String, Double> metrics,
      List<String> details) {
    Approvals approvals = ctx.service(Approvals.class)
        .orElseThrow(() -> new IllegalStateException("manual approval needs the metadata store"));
    Instant now = Instant.now();
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

  /** The baseline version (if any) and how to name it in messages. */
  private record Baseline(Optional<ModelVersion> version, String label) {}

  private static Baseline baseline(GateSpec spec, StepContext ctx) {
    if (spec.baseline().isEmpty()) {
      return new Baseline(Optional.empty(), "baseline");
    }
    String b = spec.baseline().get();
    ModelRef ref;
    if (b.contains("@") || b.contains(":")) {
      ref = ModelRef.parse(b);
    } else {
      String model = spec.model().or(() -> registeredName(ctx)).orElseThrow(() -> new IllegalArgumentException(
          "baseline '" + b + "' needs a model name: add 'model: NAME' to the gate, or write NAME@" + b));
      ref = ModelRef.parse(model + "@" + b);
    }
    String label = ref.alias().map(a -> a + " of " + ref.model()).orElse(ref.toString());
    ModelRegistry registry = ctx.service(ModelRegistry.class)
        .orElseThrow(() -> new IllegalStateException("a baseline needs the model registry"));
    try {
      return new Baseline(Optional.of(registry.resolve(ref)), label);
    } catch (RegistryException e) {
      return new Baseline(Optional.empty(), label);
    }
  }

  /** The model name of the pipeline's register stage, if it has exactly one. */
  private static Optional<String> registeredName(StepContext ctx) {
    List<String> names = new ArrayList<>();
    for (Stage s : ctx.pipeline().stages().values()) {
      if (s.action() instanceof Action.Uses u && u.step().equals("register") && u.with().get("name") != null) {
        names.add(String.valueOf(u.with().get("name")));
      }
    }
    return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
  }
}
