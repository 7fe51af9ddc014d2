package dev.kiln.core.plan;

import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.fingerprint.StageInputs;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, without running anything, what a run would do with each stage and why. Stages are
 * visited in DAG order; a stage whose upstream would run or restore is reported as changed
 * with "upstream 'x' changed", since its inputs are not known until then.
 */
public final class StatusCheck {
  private final Pipeline pipeline;
  private final Dag dag;
  private final Decider decider;
  private final Map<String, Object> conditionNames;

  public StatusCheck(Pipeline pipeline, Dag dag, Decider decider, Map<String, Object> conditionNames) {
    this.pipeline = pipeline;
    this.dag = dag;
    this.decider = decider;
    this.conditionNames = conditionNames;
  }

  public List<StageStatus> check(Set<String> selected, boolean force) {
    Map<String, StageStatus> out = new LinkedHashMap<>();
    for (String name : dag.topologicalOrder()) {
      if (selected.contains(name)) {
        out.put(name, statusOf(pipeline.stage(name), selected, out, force));
      }
    }
    return new ArrayList<>(out.values());
  }

  private StageStatus statusOf(Stage s, Set<String> selected, Map<String, StageStatus> before, boolean force) {
    Optional<String> skip = conditionFalse(s);
    if (skip.isPresent()) {
      return new StageStatus(s.name(), StageStatus.State.SKIPPED, List.of(skip.get()), Optional.empty());
    }
    List<String> upstream = new ArrayList<>();
    for (String up : dag.upstreamOf(s.name())) {
      StageStatus u = before.get(up);
      if (u != null && u.state() == StageStatus.State.SKIPPED) {
        return new StageStatus(s.name(), StageStatus.State.SKIPPED, List.of("upstream '" + up + "' skipped"),
            Optional.empty());
      }
      if (u != null && u.state() != StageStatus.State.UP_TO_DATE) {
        upstream.add("upstream '" + up + "' changed");
      }
    }
    StageInputs inputs = decider.inputs(s);
    Decision d = decider.decide(s, inputs, force);
    if (!upstream.isEmpty()) {
      List<String> reasons = new ArrayList<>(upstream);
      if (d instanceof Decision.Run r) {
        reasons.addAll(r.reasons());
      } else if (d instanceof Decision.Restore r) {
        reasons.addAll(r.reasons());
      }
      return new StageStatus(s.name(), StageStatus.State.CHANGED, reasons, Optional.empty());
    }
    if (d instanceof Decision.UpToDate) {
      return new StageStatus(s.name(), StageStatus.State.UP_TO_DATE, List.of(), Optional.empty());
    }
    if (d instanceof Decision.Restore r) {
      return new StageStatus(s.name(), StageStatus.State.RESTORABLE, r.reasons(), Optional.of(r.source().runId()));
    }
    return new StageStatus(s.name(), StageStatus.State.CHANGED, ((Decision.Run) d).reasons(), Optional.empty());
  }

  private Optional<String> conditionFalse(Stage s) {
    if (s.condition().isEmpty()) {
      return Optional.empty();
    }
    try {
      boolean pass = new ExprEvaluator(conditionNames).test(s.condition().get().expr());
      return pass ? Optional.empty() : Optional.of("condition is false: " + s.condition().get().source());
    } catch (ExprException e) {
      return Optional.of("condition cannot be evaluated: " + e.getMessage());
    }
  }
}
