package dev.kiln.cli;

import dev.kiln.model.evaluate.Evaluation;
import dev.kiln.model.evaluate.EvaluationFiles;
import dev.kiln.model.evaluate.EvaluationJob;
import dev.kiln.model.evaluate.EvaluationOptions;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.latency.LatencyProbe;
import dev.kiln.model.predict.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln evaluate}: the evaluate step by hand, outside any pipeline. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Evaluate a model on labelled data: overall, per slice, per group (fairness), and latency.",
        "",
        "The way a reviewer would: overall metrics, every metric per slice, fairness per sensitive "
            + "attribute, and single-row latency on this machine.",
        "",
        "MODEL is a model directory (with model.yaml) or a model file: XGBoost .json/.ubj, ONNX .onnx, "
            + "Tribuo .tribuo. Writes OUT/metrics.json (flat names gates use: auc, f1, "
            + "'slice.contract=Two year.auc', fairness.female.demographic_parity_ratio, latency.p99_ms) and "
            + "OUT/report.html (self-contained). Metrics follow scikit-learn, fairness follows Fairlearn."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln evaluate model/ test.csv --label churn",
        "  kiln evaluate model/ test.csv --label deny --sensitive afam \\",
        "      --privileged afam=no --slice income",
        "  kiln evaluate xgb.json test.parquet --label y --predictions pred.csv --json",
        "  kiln evaluate model.onnx test.csv --label y --no-latency --out eval/"})
final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or file.")
  String model;

  @Parameters(index = "1", paramLabel = "DATA", description = "Labelled data: CSV, Parquet or JSON Lines (or a glob).")
  String data;

  @Option(names = {"-l", "--label"}, paramLabel = "COL", description = "Label column (default: the one the model was trained on).")
  String label;

  @Option(names = "--slice", paramLabel = "COL", description = "Report every metric per value of COL (numbers binned). Repeatable.")
  List<String> slices = new ArrayList<>();

  @Option(names = "--sensitive", paramLabel = "COL", description = "Sensitive attribute for fairness metrics. Repeatable.")
  List<String> sensitive = new ArrayList<>();

  @Option(names = "--privileged", paramLabel = "COL=VALUE", description = "Privileged group of a sensitive attribute, "
      + "for disparate impact (AIF360). Repeatable.")
  Map<String, String> privileged = new LinkedHashMap<>();

  @Option(names = "--positive", paramLabel = "CLASS", description = "Positive class of a binary classifier (default: the second class).")
  String positive;

  @Option(names = "--threshold", paramLabel = "P", description = "Decision threshold on the positive class's probability (default: 0.5).")
  double threshold = EvaluationOptions.DEFAULT_THRESHOLD;

  @Option(names = "--min-group-size", paramLabel = "N", description = "Smaller groups are reported but excluded from fairness metrics (default: 30).")
  int minGroupSize = EvaluationOptions.DEFAULT_MIN_GROUP_SIZE;

  @Option(names = "--no-latency", description = "Skip the latency and throughput measurement.")
  boolean noLatency;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where metrics.json and report.html go (default: evaluation).")
  String out = "evaluation";

  @Option(names = "--predictions", paramLabel = "FILE", description = "Also write row-wise predictions (CSV).")
  String predictions;

  @Option(names = "--json", description = "Print the metrics and notes as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path outDir = cwd.resolve(out);
    String located = locate(model, cwd);
    EvaluationJob job = new EvaluationJob(located, data, options(), Optional.of(outDir.resolve("metrics.json")),
        Optional.of(outDir.resolve("report.html")), Optional.ofNullable(predictions).map(cwd::resolve));
    Evaluation e;
    try {
      e = job.run(cwd);
    } catch (ModelLoadException | SignatureMismatchException | IllegalArgumentException ex) {
      throw new UsageException(ex.getMessage());
    }
    if (json) {
      root.out.println(Json.pretty(EvaluationFiles.summary(e)));
    } else {
      print(e, outDir);
    }
    return ExitCodes.OK;
  }

  /** A registry reference (name:3, name@production) becomes the checked-out model's path. */
  private String locate(String argument, Path cwd) {
    if (java.nio.file.Files.exists(cwd.resolve(argument)) || !dev.kiln.release.registry.ModelRef.looksLikeRef(argument)) {
      return argument;
    }
    try (StoreAccess access = StoreAccess.open(root)) {
      return dev.kiln.release.registry.ModelLocator.forProject(access.store.registry(), access.artifacts(), access.project())
          .locate(argument, cwd).toString();
    } catch (dev.kiln.release.registry.RegistryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private EvaluationOptions options() {
    try {
      return new EvaluationOptions(Optional.ofNullable(label), Optional.ofNullable(positive), threshold, slices, sensitive,
          privileged, minGroupSize, noLatency ? Optional.empty() : Optional.of(LatencyProbe.standard()));
    } catch (IllegalArgumentException ex) {
      throw new UsageException(ex.getMessage());
    }
  }

  private void print(Evaluation e, Path outDir) {
    Table t = new Table("METRIC", "VALUE");
    e.metrics().forEach((k, v) -> {
      if (!k.startsWith("slice.") && !k.contains(".group.")) {
        t.row(k, Format.number(v));
      }
    });
    t.print(root.out);
    e.undefined().forEach((k, v) -> root.out.println("not computed: " + k + ": " + v));
    e.encoding().unseen().forEach((k, v) -> root.out.println("note: " + v + " values of '" + k
        + "' were unseen in training (encoded as no known category)"));
    if (e.unlabeledRows() > 0) {
      root.out.println("note: " + e.unlabeledRows() + " rows without a label were left out");
    }
    root.out.println("wrote " + outDir.resolve("metrics.json") + " and " + outDir.resolve("report.html")
        + (predictions == null ? "" : " and " + predictions));
  }
}
