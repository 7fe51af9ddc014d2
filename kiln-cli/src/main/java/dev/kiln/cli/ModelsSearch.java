package dev.kiln.cli;

import dev.kiln.core.expr.Expr;
import dev.kiln.core.expr.ExprEvaluator;
import dev.kiln.core.expr.ExprException;
import dev.kiln.core.expr.ExprParser;
import dev.kiln.release.registry.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln models search EXPR}. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Find versions with a condition over model, version, blessed, created_by, metrics.*, params.*, "
        + "tags.* and alias.* (true where the version holds that alias), in the language of kiln.yaml's 'if:'."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln models search 'metrics.auc >= 0.8 && blessed == true'",
        "  kiln models search 'model == \"credit-risk\" && alias.production'"})
final class ModelsSearch implements Callable<Integer> {
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
    return ModelsCommand.withRegistry(root, a -> {
      List<ModelVersion> all = a.store.registry().allVersions(limit);
      List<Map<String, Object>> names = all.stream().map(ModelsSearch::names).toList();
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
        root.out.println(Json.pretty(hits.stream().map(ModelsJson::json).toList()));
      } else if (hits.isEmpty()) {
        root.out.println("No version matches.");
      } else {
        ModelsTables.printVersions(root, hits);
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
