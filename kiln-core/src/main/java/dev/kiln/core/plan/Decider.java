package dev.kiln.core.plan;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.fingerprint.ChangeReasons;
import dev.kiln.core.fingerprint.StageInputs;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.hash.PathHash;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one stage whose upstream stages are done, whether it is up to date, can be
 * restored from the run-cache, or must run — and says why. Read-only: it hashes files and reads
 * history but changes nothing, so {@code kiln status} and {@code --dry-run} use it too.
 */
public final class Decider {
  private final Pipeline pipeline;
  private final RunHistory history;
  private final FileHasher hasher;
  private final StepRegistry steps;
  private final ArtifactStore store;

  public Decider(Pipeline pipeline, RunHistory history, FileHasher hasher, StepRegistry steps, ArtifactStore store) {
    this.pipeline = pipeline;
    this.history = history;
    this.hasher = hasher;
    this.steps = steps;
    this.store = store;
  }

  /** The stage's current inputs: action, dep hashes, param values, env, output paths (no live inputs). */
  public StageInputs inputs(Stage s) {
    return inputs(s, Map.of());
  }

  /** The stage's current inputs including its step's live inputs, read through {@code context}. */
  public StageInputs inputs(Stage s, dev.kiln.core.step.InputContext context) {
    return inputs(s, context, Map.of());
  }

  /**
   * As {@link #inputs(Stage, dev.kiln.core.step.InputContext)}, with the digests some paths will
   * have once upstream stages are restored ({@code kiln status} predicting a run).
   */
  public StageInputs inputs(Stage s, dev.kiln.core.step.InputContext context, Map<String, String> restored) {
    Map<String, Object> live = Map.of();
    if (s.action() instanceof Action.Uses uses) {
      live = steps.find(uses.step()).map(step -> step.liveInputs(context)).orElse(Map.of());
    }
    return inputs(s, live, restored);
  }

  private StageInputs inputs(Stage s, Map<String, Object> live) {
    return inputs(s, live, Map.of());
  }

  private StageInputs inputs(Stage s, Map<String, Object> live, Map<String, String> restored) {
    Map<String, String> deps = new LinkedHashMap<>();
    for (String dep : s.deps()) {
      String known = restored.get(dep);
      deps.put(dep, known != null ? known : hasher.hash(dep).digestText());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (String key : s.params()) {
      params.put(key, pipeline.params().get(key).orElse(null));
    }
    return new StageInputs(StageInputs.FORMAT, action(s), deps, params, s.env(), s.storedOutputs(), live);
  }

  private Map<String, Object> action(Stage s) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (s.action() instanceof Action.Run run) {
      a.put("run", run.commands());
    } else {
      Action.Uses uses = (Action.Uses) s.action();
      a.put("uses", uses.step());
      a.put("version", steps.find(uses.step()).map(Step::version).orElse("?"));
      a.put("with", uses.with());
    }
    return a;
  }

  public Decision decide(Stage s, StageInputs now, boolean force) {
    if (force) {
      return new Decision.Run(List.of("forced (--force)"));
    }
    if (s.alwaysRun()) {
      return new Decision.Run(List.of("always-run is set"));
    }
    if (s.alwaysChanged() && now.live().isEmpty()) {
      return new Decision.Run(List.of("always runs: it declares no deps, outs or params"));
    }
    String fingerprint = now.fingerprint();
    Optional<ExecutionRecord> last = history.lastResult(pipeline.name(), s.name());
    if (last.isPresent() && fingerprint.equals(last.get().fingerprint())) {
      List<String> damaged = damagedOutputs(last.get());
      if (damaged.isEmpty()) {
        return new Decision.UpToDate(last.get());
      }
      if (s.cache() && objectsPresent(last.get())) {
        return new Decision.Restore(last.get(), damaged);
      }
      return new Decision.Run(damaged);
    }
    List<String> reasons = last.map(l -> ChangeReasons.between(StageInputs.fromJson(l.inputsJson()), now))
        .orElse(List.of("never run"));
    if (reasons.isEmpty()) {
      reasons = List.of("fingerprint changed");
    }
    if (s.cache()) {
      for (ExecutionRecord earlier : history.resultsWithFingerprint(pipeline.name(), s.name(), fingerprint)) {
        if (objectsPresent(earlier)) {
          return new Decision.Restore(earlier, reasons);
        }
      }
    }
    return new Decision.Run(reasons);
  }

  /** The run that produced a result: a reused result (up to date, restored) points back to it. */
  public long originRun(ExecutionRecord result) {
    if (result.sourceExecutionId() == null) {
      return result.runId();
    }
    return history.execution(result.sourceExecutionId()).map(ExecutionRecord::runId).orElse(result.runId());
  }

  /** "outs missing: model" / "outs modified: model" for each output that no longer matches. */
  public List<String> damagedOutputs(ExecutionRecord result) {
    List<String> out = new ArrayList<>();
    for (Output o : result.outputs()) {
      PathHash now = hasher.hash(o.path());
      if (!now.exists()) {
        out.add("outs missing: " + o.path());
      } else if (!now.digest().equals(o.digest())) {
        out.add("outs modified: " + o.path());
      }
    }
    return out;
  }

  /** True when every declared output of {@code e} was stored and its objects are still there. */
  private boolean objectsPresent(ExecutionRecord e) {
    if (e.outputs().size() < StageInputs.fromJson(e.inputsJson()).outs().size()) {
      return false;
    }
    for (Output o : e.outputs()) {
      if (!store.contains(o.digest())) {
        return false;
      }
    }
    return true;
  }
}
