package dev.kiln.core.plan;

import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.fingerprint.StageInputs;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.pipeline.Stage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells, without running anything, what a run would do with each stage and why, with the same
 * {@link Decider} the run uses. Stages are visited in DAG order, and each is decided on what the
 * run would find: an up-to-date upstream stage's last result, or the result a restore would bring
 * back (its recorded outputs and metrics). What a stage that would run will produce is not known
 * in advance; a stage reading it is decided as if it came out as last time: if it would run even
 * then (never run, its own inputs changed) it is {@code CHANGED}, otherwise
 * {@link StageStatus.State#AFTER_UPSTREAM}: up to date unless that upstream output changes.
 */
public final class StatusCheck {
  private final Pipeline pipeline;
  private final Dag dag;
  private final Decider decider;
  private final RunHistory history;
  private final Map<String, Object> conditionNames;
  private final Function<Class<?>, Optional<Object>> services;
  private final Clock clock;

  public StatusCheck(Pipeline pipeline, Dag dag, Decider decider, RunHistory history, Map<String, Object> conditionNames,
      Function<Class<?>, Optional<Object>> services, Clock clock) {
    this.pipeline = pipeline;
    this.dag = dag;
    this.decider = decider;
    this.history = history;
    this.conditionNames = conditionNames;
    this.services = services;
    this.clock = clock;
  }

  public List<StageStatus> check(Set<String> selected, boolean force) {
    Map<String, StageStatus> done = new LinkedHashMap<>();
    for (String name : dag.topologicalOrder()) {
      if (selected.contains(name)) {
        StageStatus st = statusOf(pipeline.stage(name), done, force);
        done.put(name, st);
      }
    }
    return new ArrayList<>(done.values());
  }

  private StageStatus statusOf(Stage s, Map<String, StageStatus> before, boolean force) {
    Optional<String> skip = conditionFalse(s);
    if (skip.isPresent()) {
      return reason(s, StageStatus.State.SKIPPED, skip.get());
    }
    for (String up : dag.upstreamOf(s.name())) {
      StageStatus u = before.get(up);
      if (u != null && u.state() == StageStatus.State.SKIPPED) {
        return reason(s, StageStatus.State.SKIPPED, "upstream '" + up + "' skipped");
      }
    }
    Prospect prospect = new Prospect(before, s);
    DecisionContext ctx = new DecisionContext(pipeline, s, ancestors(s.name()), prospect, services, clock);
    StageInputs inputs = decider.inputs(s, ctx, prospect.depDigests());
    Decision d = decider.decide(s, inputs, force);
    if (prospect.pending.isEmpty()) {
      return exact(s, d, decider);
    }
    if (d instanceof Decision.Run r) {
      List<String> reasons = new ArrayList<>(prospect.pending.stream().map(p -> "upstream '" + p + "' changed").toList());
      reasons.addAll(r.reasons());
      return new StageStatus(s.name(), StageStatus.State.CHANGED, reasons, Optional.empty());
    }
    return reason(s, StageStatus.State.AFTER_UPSTREAM, "reads from " + names(prospect.pending)
        + ", which would run first: up to date if what it reads comes out the same");
  }

  private static StageStatus exact(Stage s, Decision d, Decider decider) {
    if (d instanceof Decision.UpToDate u) {
      return new StageStatus(s.name(), StageStatus.State.UP_TO_DATE, List.of(), Optional.empty(), Optional.of(u.source()));
    }
    if (d instanceof Decision.Restore r) {
      return new StageStatus(s.name(), StageStatus.State.RESTORABLE, r.reasons(),
          Optional.of(decider.originRun(r.source())), Optional.of(r.source()));
    }
    if (d instanceof Decision.Skip k) {
      return reason(s, StageStatus.State.SKIPPED, k.reason());
    }
    return new StageStatus(s.name(), StageStatus.State.CHANGED, ((Decision.Run) d).reasons(), Optional.empty());
  }

  /** 'a', 'a' and 'b', 'a', 'b' and 2 more. */
  private static String names(Set<String> stages) {
    List<String> quoted = stages.stream().map(n -> "'" + n + "'").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    if (quoted.size() <= 3) {
      return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }
    return String.join(", ", quoted.subList(0, 2)) + " and " + (quoted.size() - 2) + " more";
  }

  private static StageStatus reason(Stage s, StageStatus.State state, String reason) {
    return new StageStatus(s.name(), state, List.of(reason), Optional.empty());
  }

  private List<String> ancestors(String stage) {
    List<String> out = new ArrayList<>(dag.withAncestors(List.of(stage)));
    out.remove(stage);
    return out;
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

  /**
   * What one stage's decision would find: the statuses decided so far, each upstream result the
   * run would see, and which upstream stages that would run this stage read from ({@link #pending}),
   * whose results are then taken as last time's.
   */
  private final class Prospect implements UpstreamResults {
    final Map<String, StageStatus> statuses;
    final Stage stage;
    final Set<String> pending = new LinkedHashSet<>();

    Prospect(Map<String, StageStatus> statuses, Stage stage) {
      this.statuses = statuses;
      this.stage = stage;
    }

    @Override
    public Optional<ExecutionRecord> result(String name) {
      StageStatus st = statuses.get(name);
      if (st != null && st.source().isPresent()) {
        return st.source();
      }
      if (st != null) {
        pending.add(name);
      }
      return history.lastResult(pipeline.name(), name);
    }

    /** Digests the run would find for deps that upstream stages write: restored, or as last time. */
    Map<String, String> depDigests() {
      Map<String, String> out = new HashMap<>();
      Map<String, String> lastSeen = lastSeenDeps();
      for (StageStatus st : statuses.values()) {
        if (st.state() == StageStatus.State.UP_TO_DATE || st.state() == StageStatus.State.SKIPPED) {
          continue;
        }
        Map<String, String> restored = new HashMap<>();
        st.source().ifPresent(src -> src.outputs().forEach(o -> restored.put(o.path(), o.digest().hex())));
        for (String out2 : pipeline.stage(st.stage()).storedOutputs()) {
          for (String dep : stage.deps()) {
            if (!ProjectPaths.depReadsOut(dep, out2)) {
              continue;
            }
            if (restored.containsKey(dep)) {
              out.put(dep, restored.get(dep));
            } else {
              pending.add(st.stage());
              out.put(dep, lastSeen.getOrDefault(dep, "unknown"));
            }
          }
        }
      }
      return out;
    }

    private Map<String, String> lastSeenDeps() {
      return history.lastResult(pipeline.name(), stage.name())
          .filter(r -> !r.inputsJson().isEmpty())
          .map(r -> StageInputs.fromJson(r.inputsJson()).deps())
          .orElse(Map.of());
    }
  }

}
