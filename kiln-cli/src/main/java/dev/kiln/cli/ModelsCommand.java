package dev.kiln.cli;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.expr.Expr;
import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.expr.ExprParser;
import dev.kiln.core.hash.PathHash;
import dev.kiln.core.history.GitState;
import dev.kiln.release.registry.Actors;
import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.release.registry.RegisteredModel;
import dev.kiln.release.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models …}: the model registry. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"The model registry: immutable versions with lineage, and aliases (staging, production, champion, "
        + "any name) with an append-only history of every move.",
        "A model is named NAME:VERSION (credit-risk:3) or NAME@ALIAS (credit-risk@production)."},
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Versions.class,
        ModelsCommand.Promote.class, ModelsCommand.Rollback.class, ModelsCommand.History.class,
        ModelsCommand.Tag.class, ModelsCommand.Describe.class, ModelsCommand.Search.class,
        ModelsCommand.Register.class},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln models list",
        "  kiln models show credit-risk@production",
        "  kiln models promote credit-risk 4 production --reason 'beats v3 on AUC'",
        "  kiln models rollback credit-risk production --reason 'latency regression'",
        "  kiln models history credit-risk",
        "  kiln models search 'metrics.auc >= 0.8 && tags.team == \"risk\"'"})
final class ModelsCommand implements Runnable {
  @ParentCommand
  KilnCommand root;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(root.out);
  }

  /** Runs {@code work} against the registry, turning registry errors into usage errors. */
  static int withRegistry(KilnCommand root, Function<StoreAccess, Integer> work) {
    try (StoreAccess access = StoreAccess.open(root)) {
      return work.apply(access);
    } catch (RegistryException e) {
      root.err.println("kiln: " + e.getMessage());
      return e instanceof dev.kiln.release.registry.AliasConflictException ? ExitCodes.FAILED : ExitCodes.USAGE;
    }
  }

  /** {@code KEY=VALUE} arguments, in order; anything else is a usage error. */
  static Map<String, String> keyValues(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : args) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("'" + t + "' is not KEY=VALUE");
      }
      out.put(t.substring(0, eq), t.substring(eq + 1));
    }
    return out;
  }

  static Map<String, Object> json(ModelVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", v.model());
    m.put("version", v.version());
    m.put("aliases", v.aliases());
    m.put("artifact", Json.object("path", v.artifact().path(), "kind", Json.lower(v.artifact().kind()),
        "digest", v.artifact().digest().toString(), "size", v.artifact().size()));
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("run", v.lineage().runId());
    lineage.put("pipeline", v.lineage().pipeline());
    lineage.put("stage", v.lineage().stage());
    lineage.put("git_commit", v.lineage().git().commit());
    lineage.put("git_dirty", v.lineage().git().dirty());
    lineage.put("data", new TreeMap<>(v.lineage().data()));
    m.put("lineage", lineage);
    m.put("params", new TreeMap<>(v.params()));
    m.put("metrics", new TreeMap<>(v.metrics()));
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put("blessed", v.gate().blessed());
    gate.put("reasons", v.gate().reasons());
    m.put("gate", gate);
    m.put("tags", new TreeMap<>(v.tags()));
    m.put("description", v.description());
    m.put("created_by", v.createdBy());
    m.put("created_at", v.createdAt().toString());
    return m;
  }

  static Map<String, Object> json(AliasMove a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", a.model());
    m.put("alias", a.alias());
    m.put("from", a.fromVersion());
    m.put("to", a.toVersion());
    m.put("by", a.movedBy());
    m.put("at", a.movedAt().toString());
    m.put("reason", a.reason());
    m.put("rollback", a.rollback());
    m.put("forced", a.forced());
    return m;
  }

  static void printVersions(KilnCommand root, List<ModelVersion> versions) {
    Table t = new Table("MODEL", "VERSION", "ALIASES", "GATE", "RUN", "CREATED", "BY", "METRICS");
    for (ModelVersion v : versions) {
      t.row(v.model(), v.version(), String.join(",", v.aliases()), v.gate().describe(), v.lineage().runId(),
          Format.time(v.createdAt()), v.createdBy(), headline(v.metrics()));
    }
    t.print(root.out);
  }

  private static String headline(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(metrics).forEach((k, v) -> {
      if (parts.size() < 4 && !k.contains(".") && !k.contains(":")) {
        parts.add(k + "=" + Format.number(v));
      }
    });
    return String.join(" ", parts);
  }

  static void printMoves(KilnCommand root, List<AliasMove> moves) {
    Table t = new Table("WHEN", "ALIAS", "FROM", "TO", "BY", "WHY");
    for (AliasMove a : moves) {
      String why = a.reason() + (a.rollback() ? " [rollback]" : "") + (a.forced() ? " [forced: gate failed]" : "");
      t.row(Format.time(a.movedAt()), a.alias(), a.fromVersion() == null ? "-" : "v" + a.fromVersion(),
          "v" + a.toVersion(), a.movedBy(), why);
    }
    t.print(root.out);
  }

  /** {@code kiln models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models and their aliases.")
  static final class ListModels implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        List<RegisteredModel> models = a.store.registry().models();
        if (json) {
          root.out.println(Json.pretty(models.stream().map(m -> Json.object("name", m.name(), "latest_version",
              m.latestVersion(), "aliases", new TreeMap<>(m.aliases()), "description", m.description())).toList()));
          return ExitCodes.OK;
        }
        if (models.isEmpty()) {
          root.out.println("No registered models yet. Register one with a 'register' stage or 'kiln models register'.");
          return ExitCodes.OK;
        }
        Table t = new Table("MODEL", "LATEST", "ALIASES", "DESCRIPTION");
        for (RegisteredModel m : models) {
          List<String> aliases = new ArrayList<>();
          new TreeMap<>(m.aliases()).forEach((k, v) -> aliases.add(k + "=v" + v));
          t.row(m.name(), "v" + m.latestVersion(), String.join(" ", aliases), m.description());
        }
        t.print(root.out);
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models show REF}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one version (NAME:VERSION or NAME@ALIAS) with its full lineage, or a model (NAME).")
  static final class Show implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(paramLabel = "REF", description = "NAME, NAME:VERSION or NAME@ALIAS.")
    String ref;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        ModelRegistry reg = a.store.registry();
        if (!ref.contains(":") && !ref.contains("@")) {
          List<ModelVersion> versions = reg.versions(ref, 10);
          if (json) {
            root.out.println(Json.pretty(versions.stream().map(ModelsCommand::json).toList()));
          } else {
            printVersions(root, versions);
          }
          return ExitCodes.OK;
        }
        ModelVersion v = reg.resolve(ModelRef.parse(ref));
        if (json) {
          root.out.println(Json.pretty(json(v)));
          return ExitCodes.OK;
        }
        print(root, v);
        return ExitCodes.OK;
      });
    }

    private static void print(KilnCommand root, ModelVersion v) {
      var o = root.out;
      o.println(v.ref() + (v.aliases().isEmpty() ? "" : "  @" + String.join(" @", v.aliases())));
      if (!v.description().isEmpty()) {
        o.println("  " + v.description());
      }
      o.println("  artifact  " + v.artifact().path() + " (" + Json.lower(v.artifact().kind()) + ", "
          + Format.bytes(v.artifact().size()) + ") " + v.artifact().digest());
      o.println("  created   " + Format.time(v.createdAt()) + " by " + v.createdBy());
      ModelVersion.Lineage l = v.lineage();
      o.println("  lineage   " + (l.runId() == null ? "registered by hand" : "run " + l.runId() + " of '" + l.pipeline()
          + "', stage '" + l.stage() + "'") + ", git " + (l.git().present() ? l.git().describe() : "-"));
      l.data().forEach((p, d) -> o.println("            " + p + "  sha256:" + d.substring(0, 12)));
      o.println("  gate      " + v.gate().describe());
      v.gate().reasons().forEach(r -> o.println("            " + r));
      if (!v.tags().isEmpty()) {
        o.println("  tags      " + String.join(", ", v.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      if (!v.params().isEmpty()) {
        o.println("  params");
        new TreeMap<>(v.params()).forEach((k, x) -> o.println("            " + k + " = " + x));
      }
      if (!v.metrics().isEmpty()) {
        o.println("  metrics");
        new TreeMap<>(v.metrics()).forEach((k, x) -> o.println("            " + k + " = " + Format.number(x)));
      }
    }
  }

  /** {@code kiln models versions NAME}. */
  @Command(name = "versions", mixinStandardHelpOptions = true, description = "List a model's versions, newest first.")
  static final class Versions implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "How many (default: 50).")
    int limit;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        List<ModelVersion> versions = a.store.registry().versions(name, limit);
        if (json) {
          root.out.println(Json.pretty(versions.stream().map(ModelsCommand::json).toList()));
        } else {
          printVersions(root, versions);
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models promote NAME VERSION ALIAS}. */
  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = {"Point an alias at a version. Refused for a version whose gate failed, unless --force with "
          + "--reason. --expect makes it a compare-and-set: it fails if the alias moved meanwhile."})
  static final class Promote implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Parameters(index = "2", paramLabel = "ALIAS")
    String alias;

    @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
    String reason;

    @Option(names = "--force", description = "Promote even though the version's gate failed (needs --reason).")
    boolean force;

    @Option(names = "--expect", paramLabel = "VERSION", description = "Only move if the alias now points to VERSION.")
    Integer expect;

    @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
    String who;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        AliasMove m = a.store.registry().promote(name, version, alias, Actors.or(who),
            reason == null ? "" : reason, force, expect == null ? OptionalInt.empty() : OptionalInt.of(expect), Instant.now());
        root.out.println(name + "@" + alias + ": " + (m.fromVersion() == null ? "new alias" : "v" + m.fromVersion())
            + " → v" + m.toVersion() + (m.forced() ? " (forced past a failed gate)" : ""));
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models rollback NAME ALIAS}. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Move an alias back to the version it pointed to before its current version was promoted.")
  static final class Rollback implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Option(names = {"-r", "--reason"}, description = "Why; recorded in the history.")
    String reason;

    @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
    String who;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        AliasMove m = a.store.registry().rollback(name, alias, Actors.or(who), reason, Instant.now());
        root.out.println(name + "@" + alias + ": v" + m.fromVersion() + " → v" + m.toVersion() + " (rolled back)");
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models history NAME}. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Every alias move of a model: who, when, from, to, why.")
  static final class History implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Only this alias.")
    String alias;

    @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "How many moves (default: 100).")
    int limit;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        List<AliasMove> moves = a.store.registry().history(name, Optional.ofNullable(alias), limit);
        if (json) {
          root.out.println(Json.pretty(moves.stream().map(ModelsCommand::json).toList()));
        } else if (moves.isEmpty()) {
          root.out.println("No alias of '" + name + "' has moved yet.");
        } else {
          printMoves(root, moves);
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models tag NAME VERSION KEY=VALUE...}. */
  @Command(name = "tag", mixinStandardHelpOptions = true, description = "Set tags on a version (KEY=VALUE).")
  static final class Tag implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> tags;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      Map<String, String> parsed = keyValues(tags);
      return withRegistry(root, a -> {
        parsed.forEach((k, v) -> a.store.registry().tag(name, version, k, v));
        root.out.println("tagged " + name + ":" + version + " " + String.join(" ", tags));
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models describe NAME[:VERSION] TEXT}. */
  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Set the description of a model or a version.")
  static final class Describe implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME[:VERSION]")
    String target;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        if (target.contains(":")) {
          ModelRef ref = ModelRef.parse(target);
          a.store.registry().describe(ref.model(), ref.version(), text);
        } else {
          a.store.registry().describe(target, OptionalInt.empty(), text);
        }
        root.out.println("described " + target);
        return ExitCodes.OK;
      });
    }
  }

  /** {@code kiln models search EXPR}. */
  @Command(name = "search", mixinStandardHelpOptions = true,
      description = {"Find versions with a condition over model, version, blessed, created_by, metrics.*, params.*, "
          + "tags.* and alias.* (true where the version holds that alias), in the language of kiln.yaml's 'if:'."},
      footerHeading = "%nExamples:%n",
      footer = {"  kiln models search 'metrics.auc >= 0.8 && blessed == true'",
          "  kiln models search 'model == \"credit-risk\" && alias.production'"})
  static final class Search implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(paramLabel = "CONDITION")
    String condition;

    @Option(names = {"-n", "--limit"}, defaultValue = "100000", description = "Versions to scan (default: all).")
    int limit;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      Expr expr;
      try {
        expr = ExprParser.parse(condition);
      } catch (ExprException e) {
        throw new UsageException("invalid condition: " + e.getMessage());
      }
      return withRegistry(root, a -> {
        List<ModelVersion> all = a.store.registry().allVersions(limit);
        List<Map<String, Object>> names = all.stream().map(Search::names).toList();
        Map<String, Object> union = new HashMap<>();
        names.forEach(n -> n.keySet().forEach(k -> union.put(k, null)));
        union.putAll(Map.of("model", "", "version", 0, "blessed", false, "created_by", ""));
        try {
          new ExprEvaluator(union).checkNames(expr);
        } catch (ExprException e) {
          throw new UsageException(e.getMessage());
        }
        List<ModelVersion> hits = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          Map<String, Object> n = new HashMap<>(union);
          n.putAll(names.get(i));
          try {
            if (new ExprEvaluator(n).test(expr)) {
              hits.add(all.get(i));
            }
          } catch (ExprException e) {
            // a metric this version lacks: not a match
          }
        }
        if (json) {
          root.out.println(Json.pretty(hits.stream().map(ModelsCommand::json).toList()));
        } else if (hits.isEmpty()) {
          root.out.println("No version matches.");
        } else {
          printVersions(root, hits);
        }
        return ExitCodes.OK;
      });
    }

    static Map<String, Object> names(ModelVersion v) {
      Map<String, Object> n = new HashMap<>();
      n.put("model", v.model());
      n.put("version", v.version());
      n.put("blessed", v.gate().blessed());
      n.put("created_by", v.createdBy());
      v.metrics().forEach((k, x) -> n.put("metrics." + k, x));
      v.params().forEach((k, x) -> n.put("params." + k, x));
      v.tags().forEach((k, x) -> n.put("tags." + k, x));
      v.aliases().forEach(al -> n.put("alias." + al, true));
      return n;
    }
  }

  /** {@code kiln models register PATH --name NAME [--alias ALIAS]}: the CLI twin of the register step. */
  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a model file or directory by hand (lineage: the project's git state; no run).")
  static final class Register implements Callable<Integer> {
    @ParentCommand
    ModelsCommand parent;

    @Parameters(paramLabel = "PATH", description = "Model file or directory inside the project.")
    String path;

    @Option(names = "--name", required = true, description = "The registered model's name.")
    String name;

    @Option(names = "--alias", description = "Point this alias at the new version.")
    String alias;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tags (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--description", description = "A description.")
    String description = "";

    @Option(names = "--as", paramLabel = "NAME", description = "Who (default: $KILN_USER, else $USER).")
    String who;

    @Override
    public Integer call() {
      KilnCommand root = parent.root;
      return withRegistry(root, a -> {
        Path project = a.project();
        Path abs = Path.of(path).toAbsolutePath().normalize();
        if (!abs.startsWith(project)) {
          throw new UsageException(path + " is outside the project " + project);
        }
        String rel = project.relativize(abs).toString();
        try (var hasher = a.hasher()) {
          PathHash h = hasher.hash(rel);
          if (!h.exists()) {
            throw new UsageException(path + " does not exist");
          }
          Output out = a.artifacts().putPath(project, h);
          Map<String, String> tagMap = new TreeMap<>(keyValues(tags));
          GitState git = GitInfo.of(project);
          String actor = Actors.or(who);
          ModelVersion v = a.store.registry().register(new NewVersion(name, out,
              new ModelVersion.Lineage(null, null, null, git, Map.of()), Map.of(), Map.of(), ModelVersion.GateOutcome.NONE,
              tagMap, description, actor, Instant.now()));
          root.out.println("registered " + v.ref() + " (" + out.digest() + ")");
          if (alias != null) {
            a.store.registry().promote(name, v.version(), alias, actor, "registered by hand", false, OptionalInt.empty(),
                Instant.now());
            root.out.println(name + "@" + alias + " → v" + v.version());
          }
          return ExitCodes.OK;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }
}
