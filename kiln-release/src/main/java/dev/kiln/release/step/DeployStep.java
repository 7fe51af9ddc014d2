package dev.kiln.release.step;

import dev.kiln.core.config.MapNode;
import dev.kiln.core.step.EffectfulStep;
import dev.kiln.core.step.PriorResult;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepResult;
import dev.kiln.core.step.Upstream;
import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.RegisteredVersion;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.StrategyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code uses: deploy}: rolls a version out to an environment — the version a register stage
 * upstream recorded, or the one {@code model} names — with a strategy, and waits for the
 * outcome the gateway's controller reaches: promoted passes the stage, aborted fails it with the
 * reason, still running at {@code timeout} fails it. With {@code endpoint} it hands the
 * environment's URL to every later stage as {@code KILN_ENDPOINT_<ENV>}, for integration tests.
 *
 * <p>Its effect lives in the environment, outside its outs: restored from the run-cache, it
 * deploys the same version again, which is idempotent (an environment already serving it is
 * left alone), and says so.
 */
public final class DeployStep implements EffectfulStep {
  public static final String NAME = "deploy";
  static final List<String> KEYS = List.of("env", "model", "strategy", "steps", "interval", "analysis",
      "failure-limit", "min-samples", "mirror", "intervals", "auto-promote", "keep-warm", "sticky-header", "force",
      "reason", "timeout", "endpoint");
  private static final Duration POLL = Duration.ofMillis(250);

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
    return "roll a registered version out to an environment and wait for the outcome";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    var r = check.reader();
    r.allowOnly(with, KEYS);
    Optional<String> env = r.string(with, "env");
    if (env.isEmpty() && !with.has("env")) {
      check.problems().add(with, "deploy needs 'env': the environment (staging, production, ...)");
    }
    env.filter(e -> !ModelRef.ALIAS_NAME.matcher(e).matches()).ifPresent(e -> check.problems().add(
        with.get("env").get(), "invalid environment '" + e + "': use letters, digits, '_' and '-'"));
    r.string(with, "model").ifPresent(m -> {
      try {
        ModelRef.parse(m);
      } catch (RuntimeException e) {
        check.problems().add(with.get("model").get(), e.getMessage());
      }
    });
    r.stringMap(with, "analysis");
    r.integer(with, "failure-limit", 0);
    r.integer(with, "min-samples", 0);
    r.integer(with, "intervals", 1);
    r.bool(with, "auto-promote");
    r.bool(with, "force");
    r.duration(with, "timeout");
    r.string(with, "endpoint");
    r.string(with, "reason");
    try {
      options(plain(with, r)).toStrategy();
    } catch (IllegalArgumentException e) {
      check.problems().add(with, e.getMessage());
    }
  }

  private static Map<String, Object> plain(MapNode with, dev.kiln.core.config.ConfigReader r) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (String k : List.of("strategy", "steps", "interval", "mirror", "keep-warm", "sticky-header")) {
      r.scalarText(with, k).ifPresent(v -> m.put(k, v));
    }
    r.integer(with, "failure-limit", 0).ifPresent(v -> m.put("failure-limit", v));
    r.integer(with, "min-samples", 0).ifPresent(v -> m.put("min-samples", v));
    r.integer(with, "intervals", 1).ifPresent(v -> m.put("intervals", v));
    r.bool(with, "auto-promote").ifPresent(v -> m.put("auto-promote", v));
    m.put("analysis", r.stringMap(with, "analysis"));
    return m;
  }

  static StrategyOptions options(Map<String, Object> with) {
    @SuppressWarnings("unchecked")
    Map<String, Object> analysis = with.get("analysis") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
    Map<String, String> conditions = new java.util.LinkedHashMap<>();
    analysis.forEach((k, v) -> conditions.put(k, String.valueOf(v)));
    return new StrategyOptions(text(with, "strategy").orElse("replace"), text(with, "steps"), text(with, "interval"),
        conditions, number(with, "failure-limit").map(Long::intValue), number(with, "min-samples"),
        text(with, "mirror"), number(with, "intervals").map(Long::intValue),
        Optional.ofNullable(with.get("auto-promote")).map(v -> Boolean.valueOf(String.valueOf(v))),
        text(with, "keep-warm"), text(with, "sticky-header"));
  }

  /**
   * The version it deploys (the register stage's, or the one {@code model} resolves to now) and
   * its configuration: up to date when neither changed. The environment's state is not an input,
   * so a rollback by hand is not undone by the next no-op run.
   */
  @Override
  public Map<String, Object> liveInputs(dev.kiln.core.step.InputContext ctx) {
    Map<String, Object> inputs = new java.util.TreeMap<>();
    inputs.put("with", new java.util.TreeMap<>(ctx.with()).toString());
    try {
      inputs.put("version", String.valueOf(version(ctx, service(ctx, ModelRegistry.class)).ref()));
    } catch (RuntimeException e) {
      inputs.put("version", "unresolved: " + e.getMessage());
    }
    return inputs;
  }

  @Override
  public StepResult run(StepContext ctx) throws Exception {
    return deploy(ctx, false);
  }

  @Override
  public StepResult reapply(StepContext ctx, PriorResult prior) throws Exception {
    return deploy(ctx, true);
  }

  private StepResult deploy(StepContext ctx, boolean restored) throws Exception {
    Map<String, Object> with = ctx.with();
    String env = String.valueOf(with.get("env"));
    ModelRegistry registry = service(ctx, ModelRegistry.class);
    Environments environments = service(ctx, Environments.class);
    ModelVersion v = version(ctx, registry);
    boolean force = Boolean.parseBoolean(String.valueOf(with.getOrDefault("force", "false")));
    long seen = environments.history(env, 1).stream().mapToLong(e -> e.id()).max().orElse(0);
    Deployment d = new Deployer(environments, registry, ctx.clock()).deploy(new DeployRequest(env, v.model(),
        v.version(), options(with).toStrategy(), Actors.current(), text(with, "reason").orElse(
            (restored ? "restored by run " : "run ") + ctx.runId()), Optional.of(ctx.runId()), force));
    ctx.log().println((restored ? "re-applying: " : "") + env + ": deploying " + v.ref() + " (" + text(with,
        "strategy").orElse("replace") + ")");
    Outcome o = await(ctx, environments, env, seen, text(with, "timeout").map(dev.kiln.core.config.Durations::parse)
        .orElse(Duration.ofMinutes(30)));
    Map<String, Double> metrics = Map.of("deploy.version", (double) v.version());
    StepResult result = o.promoted ? StepResult.passed(env + " serves " + v.ref() + (restored ? " (re-applied)" : "")
        + o.detail, metrics) : StepResult.failed(o.detail, metrics, List.of());
    return text(with, "endpoint").map(u -> result.exporting(Map.of("KILN_ENDPOINT_" + env.toUpperCase(Locale.ROOT)
        .replace('-', '_'), u))).orElse(result);
  }

  private record Outcome(boolean promoted, String detail) {}

  private Outcome await(StepContext ctx, Environments environments, String env, long seen, Duration timeout)
      throws InterruptedException {
    Instant deadline = ctx.clock().instant().plus(timeout);
    long last = seen;
    while (true) {
      List<dev.kiln.release.environment.EnvironmentEvent> newestFirst = environments.history(env, 1000);
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        var e = newestFirst.get(i);
        if (e.id() > last) {
          ctx.log().println(e.text());
          last = e.id();
        }
      }
      Optional<RolloutState> r = environments.find(env).flatMap(Deployment::rollout);
      if (r.isEmpty() || r.get().phase() == Phase.PROMOTED) {
        return new Outcome(true, r.map(s -> s.analyses() > 0 ? " (" + s.passed() + " analyses passed)" : "")
            .orElse(""));
      }
      if (r.get().phase() == Phase.ABORTED) {
        return new Outcome(false, "rollout of v" + r.get().candidate() + " to " + env + " aborted: "
            + r.get().reason() + "; " + env + " serves v" + r.get().stable());
      }
      if (ctx.cancelled()) {
        return new Outcome(false, "cancelled while the rollout to " + env + " was " + r.get().phase().label()
            + "; it goes on (kiln rollout status " + env + ")");
      }
      if (ctx.clock().instant().isAfter(deadline)) {
        return new Outcome(false, "the rollout to " + env + " is still " + r.get().phase().label() + " after "
            + dev.kiln.core.config.Durations.format(timeout) + " (is a gateway following it? kiln serve --env " + env
            + ")");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static ModelVersion version(dev.kiln.core.step.InputContext ctx, ModelRegistry registry) {
    Optional<String> named = text(ctx.with(), "model");
    if (named.isPresent()) {
      return registry.resolve(ModelRef.parse(named.get()));
    }
    List<Upstream<RegisteredVersion>> registered = ctx.upstream(RegisterStep.REGISTERED);
    if (registered.isEmpty()) {
      throw new IllegalArgumentException("deploy needs 'model' (name:3 or name@alias) or a register stage upstream");
    }
    RegisteredVersion r = registered.get(registered.size() - 1).value();
    return registry.resolve(ModelRef.version(r.model(), r.version()));
  }

  private static Optional<String> text(Map<String, Object> with, String key) {
    return Optional.ofNullable(with.get(key)).map(String::valueOf);
  }

  private static Optional<Long> number(Map<String, Object> with, String key) {
    return Optional.ofNullable(with.get(key)).map(v -> v instanceof Number n ? n.longValue()
        : Long.parseLong(String.valueOf(v)));
  }

  private static <T> T service(dev.kiln.core.step.InputContext ctx, Class<T> type) {
    return ctx.service(type).orElseThrow(() -> new IllegalStateException("deploy needs " + type.getSimpleName()));
  }
}
