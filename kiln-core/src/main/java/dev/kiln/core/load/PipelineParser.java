package dev.kiln.core.load;

import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Condition;
import dev.kiln.core.pipeline.Params;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Retries;
import dev.kiln.core.pipeline.Stage;

import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.config.Suggestions;
import dev.kiln.core.config.YamlReader;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.expr.ExprParser;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads kiln.yaml in three passes — parse, default, validate — and reports every problem at once
 * as a {@link ConfigException}. Whole-pipeline checks (unknown needs, cycles, deps nobody makes)
 * live in {@link PipelineValidator}.
 */
public final class PipelineParser {
  static final List<String> TOP_KEYS = List.of("kiln", "pipeline", "params", "stages");
  static final List<String> STAGE_KEYS = List.of("run", "uses", "with", "needs", "deps", "outs", "params",
      "metrics", "env", "if", "retries", "timeout", "cache", "always-run", "junit", "desc");
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final StepRegistry steps;
  private final Map<String, Section> sections = new LinkedHashMap<>();

  public PipelineParser(StepRegistry steps) {
    this(steps, Section.load());
  }

  public PipelineParser(StepRegistry steps, List<Section> sections) {
    this.steps = steps;
    sections.forEach(s -> this.sections.put(s.key(), s));
  }

  /** Loads {@code kiln.yaml} from a project directory. */
  public Pipeline load(Path projectDir) {
    Path file = projectDir.resolve(Pipeline.FILE_NAME);
    Problems problems = new Problems(Pipeline.FILE_NAME);
    Optional<Node> root = YamlReader.read(file, problems);
    problems.throwIfAny();
    return parse(projectDir, root.orElseThrow(), problems);
  }

  Pipeline parse(Path projectDir, Node rootNode, Problems problems) {
    ConfigReader r = new ConfigReader(problems);
    Optional<MapNode> maybeRoot = r.asMap(rootNode);
    if (maybeRoot.isEmpty()) {
      problems.throwIfAny();
    }
    MapNode root = maybeRoot.orElseThrow();
    List<String> topKeys = new ArrayList<>(TOP_KEYS);
    topKeys.addAll(sections.keySet());
    r.allowOnly(root, topKeys);
    Map<String, Node> sectionNodes = new LinkedHashMap<>();
    for (Section s : sections.values()) {
      root.get(s.key()).ifPresent(n -> {
        sectionNodes.put(s.key(), n);
        s.check(n, r);
      });
    }
    checkFormatVersion(root, problems);
    String name = r.string(root, "pipeline").orElse(projectDir.toAbsolutePath().normalize().getFileName().toString());
    Optional<String> paramsFile = r.string(root, "params");
    if (paramsFile.isEmpty() && Files.isRegularFile(projectDir.resolve("params.yaml"))) {
      paramsFile = Optional.of("params.yaml");
    }
    List<ConfigException> paramErrors = new ArrayList<>();
    Params params = paramsFile.map(f -> loadParams(projectDir, f, root, problems, paramErrors)).orElse(Params.EMPTY);
    Map<String, Stage> stages = new LinkedHashMap<>();
    Map<String, MapNode> stageNodes = new LinkedHashMap<>();
    Optional<Node> stagesNode = root.get("stages");
    if (stagesNode.isEmpty()) {
      problems.add(root, "missing 'stages': a pipeline needs at least one stage");
    }
    stagesNode.flatMap(r::asMap).ifPresent(m -> {
      if (m.fields().isEmpty()) {
        problems.add(m, "'stages' is empty: a pipeline needs at least one stage");
      }
      for (MapNode.Field f : m.fields()) {
        if (!STAGE_NAME.matcher(f.key()).matches()) {
          problems.add(f.line(), f.column(), Node.child(m.path(), f.key()),
              "invalid stage name '" + f.key() + "': use letters, digits, '_', '-' and '.'");
        }
        r.asMap(f.value()).ifPresent(sm -> {
          stageNodes.put(f.key(), sm);
          stages.put(f.key(), stage(f.key(), sm, r, paramErrors.isEmpty() ? Optional.of(params) : Optional.empty(),
              projectDir));
        });
      }
    });
    Pipeline pipeline = new Pipeline(projectDir, name, paramsFile, params, stages, sectionNodes);
    new PipelineValidator(pipeline, stageNodes, problems, paramErrors.isEmpty()).validate();
    List<dev.kiln.core.config.Problem> all = new ArrayList<>();
    paramErrors.forEach(e -> all.addAll(e.problems()));
    all.addAll(problems.list());
    if (!all.isEmpty()) {
      throw new ConfigException(all);
    }
    return pipeline;
  }

  private static void checkFormatVersion(MapNode root, Problems problems) {
    Optional<Node> v = root.get("kiln");
    if (v.isEmpty()) {
      problems.add(root.line(), root.column(), "kiln",
          "missing format version: add 'kiln: " + Pipeline.FORMAT_VERSION + "' at the top");
    } else if (!(v.get() instanceof ScalarNode s) || !(s.value() instanceof Integer i)) {
      problems.add(v.get(), "the format version must be a whole number such as " + Pipeline.FORMAT_VERSION);
    } else if (i != Pipeline.FORMAT_VERSION) {
      problems.add(v.get(), "unsupported format version " + i + "; this Kiln reads version " + Pipeline.FORMAT_VERSION);
    }
  }

  private static Params loadParams(Path projectDir, String file, MapNode root, Problems problems,
      List<ConfigException> paramErrors) {
    Path path = projectDir.resolve(file);
    if (!Files.isRegularFile(path)) {
      problems.add(root.get("params").orElse(root), "params file '" + file + "' does not exist");
      return Params.EMPTY;
    }
    Problems paramProblems = new Problems(file);
    Optional<Node> node = YamlReader.read(path, paramProblems);
    if (node.isPresent() && !(node.get() instanceof MapNode)) {
      paramProblems.add(node.get(), "a params file must be a mapping of names to values");
    }
    if (!paramProblems.isEmpty()) {
      paramErrors.add(new ConfigException(paramProblems.list()));
      return Params.EMPTY;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) node.orElseThrow().toPlain();
    return new Params(values);
  }

  /** One stage; {@code params} is empty when the params file could not be read (keys go unchecked). */
  private Stage stage(String name, MapNode m, ConfigReader r, Optional<Params> params, Path projectDir) {
    r.allowOnly(m, STAGE_KEYS);
    Action action = action(m, r, projectDir);
    List<String> deps = paths(r, m, "deps", false);
    List<String> outs = paths(r, m, "outs", true);
    if (action instanceof Action.Uses uses) {
      steps.find(uses.step()).ifPresent(step -> {
        StepPaths derived = derivedPaths(step, uses, m, r);
        deps.addAll(derived.deps().stream().map(ProjectPaths::normalize).filter(p -> !deps.contains(p)).toList());
        outs.addAll(derived.outs().stream().map(ProjectPaths::normalize).filter(p -> !outs.contains(p)).toList());
      });
    }
    List<String> stageParams = r.stringList(m, "params");
    m.get("params").ifPresent(node -> params.ifPresent(known -> checkParamKeys(node, stageParams, known, r)));
    Optional<String> metrics = r.string(m, "metrics").map(ProjectPaths::normalize);
    Map<String, String> env = r.stringMap(m, "env");
    m.get("env").filter(MapNode.class::isInstance).map(MapNode.class::cast).ifPresent(em -> {
      for (MapNode.Field f : em.fields()) {
        if (!ENV_NAME.matcher(f.key()).matches()) {
          r.problems().add(f.line(), f.column(), Node.child(em.path(), f.key()), "invalid environment variable name '" + f.key() + "'");
        }
      }
    });
    Optional<Condition> condition = m.get("if").flatMap(node -> condition(node, r));
    Retries retries = retries(m, r);
    Optional<Duration> timeout = r.duration(m, "timeout");
    timeout.filter(Duration::isZero).ifPresent(t -> r.problems().add(m.get("timeout").get(), "timeout must be longer than 0"));
    boolean cache = r.bool(m, "cache").orElse(true);
    boolean alwaysRun = r.bool(m, "always-run").orElse(false);
    Optional<String> junit = r.string(m, "junit").map(ProjectPaths::normalize);
    String desc = r.string(m, "desc").orElse("");
    List<String> needs = r.stringList(m, "needs");
    return new Stage(name, action, needs, deps, outs, stageParams, metrics, env, condition, retries, timeout,
        cache, alwaysRun, junit, desc);
  }

  private Action action(MapNode m, ConfigReader r, Path projectDir) {
    boolean hasRun = m.has("run");
    boolean hasUses = m.has("uses");
    if (hasRun && hasUses) {
      r.problems().add(m.get("uses").get(), "a stage has either 'run' or 'uses', not both");
    }
    if (!hasRun && !hasUses) {
      r.problems().add(m, "a stage needs 'run' (shell commands) or 'uses' (a built-in step)");
      return new Action.Run(List.of());
    }
    if (hasRun) {
      if (m.has("with")) {
        Node with = m.get("with").get();
        r.problems().add(with, "'with' configures a built-in step; it needs 'uses'");
      }
      List<String> commands = r.stringList(m, "run");
      if (commands.isEmpty() || commands.stream().anyMatch(c -> c.isBlank())) {
        r.problems().add(m.get("run").get(), "'run' needs a command");
      }
      return new Action.Run(commands);
    }
    String stepName = r.string(m, "uses").orElse("");
    Optional<MapNode> with = m.has("with") ? r.map(m, "with") : Optional.of(new MapNode(List.of(), m.line(), m.column(), Node.child(m.path(), "with")));
    Optional<Step> step = steps.find(stepName);
    if (!stepName.isEmpty() && step.isEmpty()) {
      List<String> known = steps.names();
      String list = known.isEmpty() ? "no built-in steps are installed" : "known steps: " + String.join(", ", known);
      r.problems().add(m.get("uses").get(), "unknown step '" + stepName + "'" + Suggestions.hint(stepName, known) + "; " + list);
    }
    step.ifPresent(s -> with.ifPresent(w -> s.validate(w, new StepCheck(r, projectDir))));
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = with.map(w -> (Map<String, Object>) w.toPlain()).orElse(Map.of());
    return new Action.Uses(stepName, plain);
  }

  private static StepPaths derivedPaths(Step step, Action.Uses uses, MapNode m, ConfigReader r) {
    try {
      return step.paths(uses.with());
    } catch (RuntimeException e) {
      r.problems().add(m.get("with").orElse(m), "step '" + step.name() + "': " + e.getMessage());
      return StepPaths.NONE;
    }
  }

  private static List<String> paths(ConfigReader r, MapNode m, String key, boolean insideOnly) {
    List<String> out = new ArrayList<>();
    Optional<Node> node = m.get(key);
    List<String> written = r.stringList(m, key);
    for (int i = 0; i < written.size(); i++) {
      String p = ProjectPaths.normalize(written.get(i));
      Node at = node.get() instanceof ListNode l ? l.items().get(i) : node.get();
      if (insideOnly && (ProjectPaths.leavesProject(p) || p.equals("."))) {
        r.problems().add(at, "'" + written.get(i) + "' must be a path inside the project");
      } else if (insideOnly && ProjectPaths.isGlob(p)) {
        r.problems().add(at, "outs cannot be globs: name the file or directory");
      } else if (p.equals(".kiln") || p.startsWith(".kiln/")) {
        r.problems().add(at, "'" + written.get(i) + "' is inside .kiln/, which Kiln owns");
      } else if (out.contains(p)) {
        r.problems().add(at, "'" + written.get(i) + "' is listed twice");
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private static void checkParamKeys(Node node, List<String> keys, Params params, ConfigReader r) {
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (!params.has(key)) {
        Node at = node instanceof ListNode l ? l.items().get(i) : node;
        String hint = Suggestions.hint(key, params.keys());
        r.problems().add(at, "unknown param '" + key + "'" + hint
            + (params.keys().isEmpty() ? " (no params file is loaded)" : ""));
      }
    }
  }

  private static Optional<Condition> condition(Node node, ConfigReader r) {
    if (node instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return Optional.of(new Condition(b.toString(), ExprParser.parse(b.toString())));
    }
    return r.asString(node).flatMap(text -> {
      try {
        return Optional.of(new Condition(text, ExprParser.parse(text)));
      } catch (ExprException e) {
        r.problems().add(node, "invalid condition: " + e.getMessage());
        return Optional.empty();
      }
    });
  }

  private static Retries retries(MapNode m, ConfigReader r) {
    Optional<Node> node = m.get("retries");
    if (node.isEmpty()) {
      return Retries.NONE;
    }
    if (node.get() instanceof MapNode rm) {
      r.allowOnly(rm, List.of("count", "delay"));
      int count = r.integer(rm, "count", 0).orElse(0);
      Duration delay = r.duration(rm, "delay").orElse(Duration.ZERO);
      return new Retries(count, delay);
    }
    return new Retries(r.integer(m, "retries", 0).orElse(0), Duration.ZERO);
  }

  /** Names an {@code if:} condition may use besides params. */
  public static Set<String> builtInNames() {
    return new LinkedHashSet<>(List.of("git.branch", "git.commit", "trigger"));
  }
}
