package dev.kiln.release.step;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.fingerprint.StageInputs;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.pipeline.Params;
import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.step.EffectfulStep;
import dev.kiln.core.step.OutputType;
import dev.kiln.core.step.PriorResult;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import dev.kiln.core.step.Upstream;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.release.registry.Registrar;
import dev.kiln.release.registry.RegisteredVersion;
import dev.kiln.release.registry.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code uses: register}: stores the model in the artifact store and records a version with its
 * lineage — run, stage, git commit, the hashes of every input the run's stages read, params, the
 * upstream stages' metrics and the gate's verdict — then optionally points an alias at it, and
 * hands the version downstream ({@link #REGISTERED}).
 *
 * <p>Its effect lives in the registry, outside its outs, so a register stage restored from the
 * run-cache re-applies it: the restored model is the version already registered with that
 * artifact (registering is idempotent), and the alias moves back to it.
 */
public final class RegisterStep implements EffectfulStep {
  public static final String NAME = "register";
  public static final OutputType<RegisteredVersion> REGISTERED = OutputType.of("registered-version",
      RegisteredVersion.class);
  static final List<String> KEYS = List.of("model", "name", "alias", "tags", "description");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "record a model version with its lineage in the registry; optionally move an alias to it";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    var r = check.reader();
    r.allowOnly(with, KEYS);
    if (r.string(with, "model").isEmpty() && !with.has("model")) {
      check.problems().add(with, "register needs 'model': the model file or directory");
    }
    Optional<String> name = r.string(with, "name");
    if (name.isEmpty() && !with.has("name")) {
      check.problems().add(with, "register needs 'name': the registered model's name");
    }
    name.filter(n -> !ModelRef.MODEL_NAME.matcher(n).matches()).ifPresent(n -> check.problems().add(with.get("name").get(),
        "invalid model name '" + n + "': use letters, digits, '_', '-', '.' and '/'"));
    r.string(with, "alias").filter(a -> !ModelRef.ALIAS_NAME.matcher(a).matches()).ifPresent(a ->
        check.problems().add(with.get("alias").get(), "invalid alias '" + a + "': use letters, digits, '_' and '-'"));
    r.stringMap(with, "tags");
    r.string(with, "description");
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    Object model = with.get("model");
    return model == null ? StepPaths.NONE : new StepPaths(List.of(ProjectPaths.normalize(String.valueOf(model))), List.of());
  }

  @Override
  public StepResult run(StepContext ctx) throws Exception {
    Registration r = register(ctx);
    r.lines().forEach(ctx.log()::println);
    return result(r, r.summary());
  }

  @Override
  public StepResult reapply(StepContext ctx, PriorResult prior) throws Exception {
    Registration r = register(ctx);
    r.lines().forEach(ctx.log()::println);
    return result(r, r.effect());
  }

  private static StepResult result(Registration r, String reason) {
    Map<String, Double> metrics = Map.of("registry.version", (double) r.version().version());
    return StepResult.passed(reason, metrics).with(REGISTERED, r.registered());
  }

  private static Registration register(StepContext ctx) throws Exception {
    Registrar registrar = new Registrar(service(ctx, ModelRegistry.class), service(ctx, ArtifactStore.class),
        service(ctx, FileHasher.class), ctx.projectDir());
    String path = ProjectPaths.normalize(String.valueOf(ctx.with().get("model")));
    Output artifact = registrar.store(path);
    RunHistory history = service(ctx, RunHistory.class);
    List<ExecutionRecord> upstream = upstreamRecords(ctx, history);
    RunRecord run = history.run(ctx.runId()).orElseThrow();
    String name = String.valueOf(ctx.with().get("name"));
    NewVersion v = new NewVersion(name, artifact,
        new ModelVersion.Lineage(ctx.runId(), ctx.pipeline().name(), ctx.stageName(), run.git(), inputs(upstream)),
        params(run), metrics(upstream), gate(ctx), strings(ctx.with().get("tags")),
        ctx.with().get("description") == null ? "" : String.valueOf(ctx.with().get("description")),
        Actors.current(), ctx.clock().instant());
    Optional<String> alias = Optional.ofNullable(ctx.with().get("alias")).map(String::valueOf);
    return registrar.register(v, alias, "registered by run " + ctx.runId());
  }

  private static <T> T service(StepContext ctx, Class<T> type) {
    return ctx.service(type).orElseThrow(() -> new IllegalStateException("register needs " + type.getSimpleName()));
  }

  /** The latest record of each upstream stage in this run. */
  private static List<ExecutionRecord> upstreamRecords(StepContext ctx, RunHistory history) {
    Map<String, ExecutionRecord> latest = new LinkedHashMap<>();
    for (ExecutionRecord e : history.executions(ctx.runId())) {
      if (ctx.upstreamStages().contains(e.stage())) {
        latest.put(e.stage(), e);
      }
    }
    return new ArrayList<>(latest.values());
  }

  /** Every file the upstream stages read, with its content hash: the version's data lineage. */
  private static Map<String, String> inputs(List<ExecutionRecord> upstream) {
    Map<String, String> data = new TreeMap<>();
    for (ExecutionRecord e : upstream) {
      if (!e.inputsJson().isEmpty()) {
        StageInputs.fromJson(e.inputsJson()).deps().forEach((p, h) -> {
          if (!h.equals("missing")) {
            data.put(p, h);
          }
        });
      }
    }
    for (ExecutionRecord e : upstream) {
      e.outputs().forEach(o -> data.remove(o.path()));
    }
    return data;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> params(RunRecord run) {
    if (run.paramsJson() == null || run.paramsJson().isEmpty()) {
      return Map.of();
    }
    Map<String, Object> flat = new Params(CanonicalJson.read(run.paramsJson(), Map.class)).flatten();
    flat.values().removeIf(java.util.Objects::isNull);
    return flat;
  }

  /** Upstream metrics by plain name; a name two stages report differently is kept as stage:name. */
  private static Map<String, Double> metrics(List<ExecutionRecord> upstream) {
    Map<String, Double> out = new TreeMap<>();
    Map<String, String> owner = new TreeMap<>();
    for (ExecutionRecord e : upstream) {
      e.metrics().forEach((k, v) -> {
        Double prev = out.get(k);
        if (prev == null && !owner.containsKey(k)) {
          out.put(k, v);
          owner.put(k, e.stage());
        } else if (prev != null && !prev.equals(v)) {
          out.remove(k);
          out.put(owner.get(k) + ":" + k, prev);
          out.put(e.stage() + ":" + k, v);
        } else if (prev == null) {
          out.put(e.stage() + ":" + k, v);
        }
      });
    }
    return out;
  }

  /** The verdict of the nearest upstream gate, if there is one. */
  private static ModelVersion.GateOutcome gate(StepContext ctx) {
    List<Upstream<GateVerdict>> verdicts = ctx.upstream(GateStep.VERDICT);
    return verdicts.isEmpty() ? ModelVersion.GateOutcome.NONE
        : ModelVersion.GateOutcome.of(verdicts.get(verdicts.size() - 1).value());
  }

  private static Map<String, String> strings(Object tags) {
    Map<String, String> out = new TreeMap<>();
    if (tags instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
