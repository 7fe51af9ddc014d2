package dev.kiln.release.step;

import dev.kiln.core.config.MapNode;
import dev.kiln.core.step.InputContext;
import dev.kiln.core.step.OutputType;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import dev.kiln.release.gate.GateEvaluator;
import dev.kiln.release.gate.GateSpec;
import dev.kiln.release.gate.GateVerdict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code uses: gate}: decides whether a model may move on, with every reason in words, and hands
 * its {@link GateVerdict} to the stages downstream ({@link #VERDICT}). A gate that is not blessed
 * fails its stage (and so everything downstream). With {@code approval: manual} a blessed gate
 * then waits for {@code kiln approve} or {@code kiln reject}; the run stops with exit code 3 and
 * {@code kiln run --resume RUN} continues.
 *
 * <p>Its result depends on the metrics it reads and on the version behind its baseline alias;
 * those are its live inputs, so a gate is up to date while neither changes and re-runs, saying
 * why, when production moves.
 */
public final class GateStep implements Step {
  public static final String NAME = "gate";
  /** The verdict a gate hands downstream; the register step records it with the version. */
  public static final OutputType<GateVerdict> VERDICT = OutputType.of("gate-verdict", GateVerdict.class);

  /** Whether the gate's verdict recorded in {@code e} blessed the model; empty when {@code e} holds no verdict. */
  public static java.util.Optional<Boolean> blessedIn(dev.kiln.core.history.ExecutionRecord e) {
    return VERDICT.read(e.output()).map(GateVerdict::blessed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "2";
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
  public Map<String, Object> liveInputs(InputContext ctx) {
    GateSpec spec = GateSpec.from(ctx.with());
    Map<String, Object> inputs = new TreeMap<>(evaluator(ctx).inputs(spec));
    if (spec.baseline().isPresent()) {
      BaselineLookup base = BaselineLookup.of(spec, ctx);
      inputs.put("baseline " + base.name(), base.version().map(b -> (Object) ("v" + b.version())).orElse("none"));
    }
    return inputs;
  }

  @Override
  public StepResult run(StepContext ctx) {
    GateSpec spec = GateSpec.from(ctx.with());
    BaselineLookup base = BaselineLookup.of(spec, ctx);
    GateVerdict verdict = evaluator(ctx).evaluate(spec, base.version(), base.label());
    List<String> details = verdict.lines();
    details.forEach(ctx.log()::println);
    Map<String, Double> metrics = Map.of(
        "gate.blessed", verdict.blessed() ? 1.0 : 0.0,
        "gate.checks", (double) verdict.checks().size(),
        "gate.failed", (double) verdict.failures().size());
    if (!verdict.blessed()) {
      String why = String.join("; ", verdict.failures().stream().map(GateVerdict.Check::text).toList());
      return StepResult.failed("not blessed: " + why, metrics, details).with(VERDICT, verdict);
    }
    String blessed = "blessed: " + verdict.checks().size() + " check" + (verdict.checks().size() == 1 ? "" : "s")
        + " passed" + (verdict.notes().isEmpty() ? "" : " (" + String.join("; ", verdict.notes()) + ")");
    StepResult result = spec.approval() == GateSpec.Approval.MANUAL
        ? new ManualApproval(spec, ctx).decide(blessed, metrics, details)
        : StepResult.passed(blessed, metrics, details);
    return result.with(VERDICT, verdict);
  }

  /** The metrics of every upstream stage, and the reasons upstream gave for metrics it could not compute. */
  private static GateEvaluator evaluator(InputContext ctx) {
    Map<String, Map<String, Double>> upstream = new java.util.LinkedHashMap<>();
    Map<String, String> undefined = new TreeMap<>();
    for (String s : ctx.upstreamStages()) {
      upstream.put(s, ctx.upstreamMetrics(s));
      for (String d : ctx.upstreamDetails(s)) {
        UndefinedMetric.parse(d).ifPresent(u -> undefined.putIfAbsent(u.metric(), u.reason() + " (stage '" + s + "')"));
      }
    }
    return new GateEvaluator(upstream, undefined);
  }
}
