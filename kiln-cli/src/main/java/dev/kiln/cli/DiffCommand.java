package dev.kiln.cli;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.pipeline.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln diff [A] [B]}: params and metrics of two runs, old, new and change. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare the params and metrics of two runs (default: the last two).",
        "Only what changed is shown unless --all; --md prints Markdown for a pull-request comment."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln diff            the previous run against the latest",
        "  kiln diff 3 7        run 3 against run 7",
        "  kiln diff --md >> report.md"})
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "RUN_A", arity = "0..1", description = "Old run (default: the one before RUN_B).")
  String a;

  @Parameters(index = "1", paramLabel = "RUN_B", arity = "0..1", description = "New run (default: latest).")
  String b;

  @Option(names = "--all", description = "Show unchanged values too.")
  boolean all;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Option(names = "--md", description = "Print Markdown tables.")
  boolean md;

  /** One compared value. */
  record Change(String group, String name, Object old, Object now) {
    Double delta() {
      return old instanceof Number o && now instanceof Number n ? n.doubleValue() - o.doubleValue() : null;
    }
  }

  @Override
  public Integer call() {
    try (Project project = Project.open(root)) {
      RunRecord newer = RunRefs.resolve(project, b == null && a != null ? "latest" : b);
      RunRecord older = a != null ? RunRefs.resolve(project, a) : RunRefs.resolve(project, "latest~1");
      if (a == null && b != null) {
        older = previous(project, newer);
      }
      List<Change> params = diff(flatParams(older), flatParams(newer), "params");
      List<Change> metrics = new ArrayList<>();
      Map<String, Map<String, Double>> mo = metricsByStage(project, older);
      Map<String, Map<String, Double>> mn = metricsByStage(project, newer);
      for (String stage : new TreeSet<>(union(mo.keySet(), mn.keySet()))) {
        metrics.addAll(diff(new TreeMap<>(mo.getOrDefault(stage, Map.of())), new TreeMap<>(mn.getOrDefault(stage, Map.of())), stage));
      }
      print(older, newer, params, metrics);
      return ExitCodes.OK;
    }
  }

  private static RunRecord previous(Project project, RunRecord newer) {
    return project.store.runs().runs(project.pipeline.name(), 1000).stream()
        .filter(r -> r.id() < newer.id()).findFirst()
        .orElseThrow(() -> new UsageException("run " + newer.id() + " is the first run; nothing to compare with"));
  }

  private static TreeSet<String> union(java.util.Set<String> x, java.util.Set<String> y) {
    TreeSet<String> s = new TreeSet<>(x);
    s.addAll(y);
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flatParams(RunRecord r) {
    if (r.paramsJson() == null || r.paramsJson().isEmpty()) {
      return Map.of();
    }
    return new Params(CanonicalJson.read(r.paramsJson(), Map.class)).flatten();
  }

  private static Map<String, Map<String, Double>> metricsByStage(Project project, RunRecord r) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (ExecutionRecord e : project.store.runs().executions(r.id())) {
      if (!e.metrics().isEmpty()) {
        out.put(e.stage(), e.metrics());
      }
    }
    return out;
  }

  private List<Change> diff(Map<String, ?> old, Map<String, ?> now, String group) {
    List<Change> out = new ArrayList<>();
    for (String k : union(old.keySet(), now.keySet())) {
      Object o = old.get(k);
      Object n = now.get(k);
      if (all || !same(o, n)) {
        out.add(new Change(group, k, o, n));
      }
    }
    return out;
  }

  private static boolean same(Object o, Object n) {
    if (o instanceof Number x && n instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(o, n);
  }

  private void print(RunRecord older, RunRecord newer, List<Change> params, List<Change> metrics) {
    String ca = "run " + older.id();
    String cb = "run " + newer.id();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("old_run", older.id());
      m.put("new_run", newer.id());
      m.put("params", params.stream().map(c -> entry(c, false)).toList());
      m.put("metrics", metrics.stream().map(c -> entry(c, true)).toList());
      root.out.println(Json.pretty(m));
      return;
    }
    Table pt = new Table("PARAM", ca, cb);
    params.forEach(c -> pt.row(c.name(), show(c.old()), show(c.now())));
    Table mt = new Table("STAGE", "METRIC", ca, cb, "CHANGE");
    metrics.forEach(c -> mt.row(c.group(), c.name(), show(c.old()), show(c.now()),
        c.delta() == null ? "—" : signed(c.delta())));
    if (pt.isEmpty() && mt.isEmpty()) {
      root.out.println("No params or metrics changed between run " + older.id() + " and run " + newer.id() + ".");
      return;
    }
    if (!pt.isEmpty()) {
      emit(pt);
    }
    if (!mt.isEmpty()) {
      if (!pt.isEmpty()) {
        root.out.println();
      }
      emit(mt);
    }
  }

  private void emit(Table t) {
    if (md) {
      t.printMarkdown(root.out);
    } else {
      t.print(root.out);
    }
  }

  private static Map<String, Object> entry(Change c, boolean withStage) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (withStage) {
      m.put("stage", c.group());
    }
    m.put("name", c.name());
    m.put("old", c.old());
    m.put("new", c.now());
    m.put("change", c.delta());
    return m;
  }

  private static String show(Object v) {
    if (v == null) {
      return "—";
    }
    return v instanceof Double d ? Format.number(d) : String.valueOf(v);
  }

  private static String signed(double d) {
    return (d > 0 ? "+" : "") + Format.number(d);
  }
}
