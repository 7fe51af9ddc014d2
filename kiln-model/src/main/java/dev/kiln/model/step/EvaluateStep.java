package dev.kiln.model.step;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import dev.kiln.data.read.DataReadException;
import dev.kiln.model.evaluate.Evaluation;
import dev.kiln.model.evaluate.EvaluationJob;
import dev.kiln.model.evaluate.EvaluationOptions;
import dev.kiln.model.latency.LatencyProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code uses: evaluate}: evaluates a model on labelled data and records its metrics (overall,
 * {@code slice.*}, {@code fairness.*}, {@code latency.*}) for gates. Writes metrics.json and
 * report.html into the stage's report directory, and the predictions where {@code predictions:}
 * says. Every metric it could not compute is a detail line {@code undefined: METRIC: REASON}.
 */
public final class EvaluateStep implements Step {
  static final List<String> KEYS = List.of("model", "data", "label", "positive", "threshold", "slices", "sensitive",
      "privileged", "min-group-size", "latency", "predictions", "metrics");
  /** The prefix of the detail lines that name an undefined metric and its reason. */
  public static final String UNDEFINED = "undefined: ";

  /**
   * Every key this step accepts under {@code with:}, in the order the docs list them (the
   * docs/kiln-yaml.md and docs/models.md tables are tested against it).
   */
  public List<String> withKeys() {
    return KEYS;
  }

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String version() {
    return "2"; // 2: undefined metrics as details, fairness names fixed
  }

  @Override
  public String summary() {
    return "Evaluate a model: metrics, slices, fairness by group, latency; metrics.json and an HTML report";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    ConfigReader r = check.reader();
    r.allowOnly(with, KEYS);
    for (String key : List.of("model", "data")) {
      if (r.string(with, key).isEmpty() && !with.has(key)) {
        check.problems().add(with, "with." + key + " is required");
      }
    }
    r.string(with, "label");
    r.scalarText(with, "positive");
    r.stringList(with, "slices");
    r.stringList(with, "sensitive");
    r.stringMap(with, "privileged");
    r.integer(with, "min-group-size", 1);
    r.bool(with, "latency");
    r.string(with, "predictions");
    r.string(with, "metrics");
    with.get("threshold").ifPresent(n -> threshold(n, check));
  }

  private static void threshold(Node n, StepCheck check) {
    if (!(n instanceof ScalarNode s && s.value() instanceof Number v && v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
      check.problems().add(n, "threshold must be a number between 0 and 1");
    }
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    With w = new With(with);
    List<String> deps = new ArrayList<>();
    // A registry reference (name@production) is resolved when the stage runs, not hashed as a file.
    w.string("model").filter(m -> !dev.kiln.release.registry.ModelRef.looksLikeRef(m)).ifPresent(deps::add);
    w.string("data").ifPresent(deps::add);
    List<String> outs = new ArrayList<>();
    w.string("predictions").ifPresent(outs::add);
    w.string("metrics").ifPresent(outs::add);
    return new StepPaths(deps, outs);
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    With w = new With(context.with());
    Path reports = context.reportDir();
    String model = locate(w.required("model"), context);
    EvaluationJob job = new EvaluationJob(model, w.required("data"), options(w),
        Optional.of(w.string("metrics").map(context::resolve).orElse(reports.resolve("metrics.json"))),
        Optional.of(reports.resolve("report.html")), w.string("predictions").map(context::resolve));
    Evaluation e;
    try {
      e = job.run(context.projectDir());
    } catch (DataReadException unreadable) {
      return StepResult.failed(unreadable.userMessage(), Map.of(), List.of());
    }
    context.log().println("evaluated " + w.required("model") + " on " + w.required("data") + ": "
        + e.metrics().getOrDefault("count", 0.0).longValue() + " rows; report: " + reports.resolve("report.html"));
    e.undefined().forEach((k, v) -> context.log().println("  not computed: " + k + ": " + v));
    return StepResult.passed(headline(e), e.metrics(), undefinedDetails(e));
  }

  /**
   * One line per undefined metric, sorted by name: {@code undefined: METRIC: REASON}, where METRIC
   * is the name a gate would use and REASON is one line of words. A gate that misses METRIC finds
   * its reason as the rest of the line that starts with {@code "undefined: " + METRIC + ": "}.
   */
  static List<String> undefinedDetails(Evaluation e) {
    return new java.util.TreeMap<>(e.undefined()).entrySet().stream()
        .map(u -> UNDEFINED + u.getKey() + ": " + u.getValue().replaceAll("[\\r\\n]+", " ")).toList();
  }

  /** A registry reference (name@production) becomes the checked-out model's path. */
  private static String locate(String model, StepContext context) {
    if (!dev.kiln.release.registry.ModelRef.looksLikeRef(model) || java.nio.file.Files.exists(context.resolve(model))) {
      return model;
    }
    var registry = context.service(dev.kiln.release.registry.ModelRegistry.class)
        .orElseThrow(() -> new IllegalStateException("'" + model + "' needs the model registry"));
    var store = context.service(dev.kiln.core.artifact.ArtifactStore.class).orElseThrow();
    return dev.kiln.release.registry.ModelLocator.forProject(registry, store, context.projectDir())
        .locate(model, context.projectDir()).toString();
  }

  static EvaluationOptions options(With w) {
    boolean latency = w.bool("latency").orElse(true);
    return new EvaluationOptions(w.string("label"), w.string("positive"),
        w.number("threshold").orElse(EvaluationOptions.DEFAULT_THRESHOLD), w.strings("slices"), w.strings("sensitive"),
        w.stringMap("privileged"), w.number("min-group-size").map(Double::intValue)
            .orElse(EvaluationOptions.DEFAULT_MIN_GROUP_SIZE),
        latency ? Optional.of(LatencyProbe.standard()) : Optional.empty());
  }

  static String headline(Evaluation e) {
    for (String k : List.of("auc", "accuracy", "r2")) {
      if (e.metrics().containsKey(k)) {
        return String.format(java.util.Locale.ROOT, "%s %.4f on %d rows", k, e.metric(k), (long) e.metric("count"));
      }
    }
    return "evaluated";
  }
}
