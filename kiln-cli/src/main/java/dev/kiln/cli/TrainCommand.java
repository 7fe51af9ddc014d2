package dev.kiln.cli;

import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.train.Algorithm;
import dev.kiln.model.train.TrainOptions;
import dev.kiln.model.train.Training;
import dev.kiln.model.train.TrainingResult;
import java.io.PrintStream;
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

/** {@code kiln train}: the train step by hand, outside any pipeline. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Train a tabular classifier or regressor into a model directory.",
        "",
        "Every column but the label is a feature (unless --exclude'd): text columns are one-hot encoded "
            + "over the levels seen in training, numbers scaled and imputed where the algorithm needs it. "
            + "Validation rows are a seeded random fraction of DATA unless --validation names a file; "
            + "gradient boosting stops early on them. OUT gets the model file, model.yaml (signature), "
            + "training-metrics.json, training.log and reference-profile.json.",
        "",
        "Algorithms: gradient-boosting (XGBoost, default), logistic-regression, linear-sgd, cart, "
            + "random-forest (Tribuo)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln train data/train.csv --label churn",
        "  kiln train data/train.csv --label churn --algorithm logistic-regression \\",
        "      --out models/lr",
        "  kiln train data/train.parquet --label price --task regression \\",
        "      -P max_depth=8 -P trees=800",
        "  kiln train data/train.csv --label deny --exclude id \\",
        "      --validation data/valid.csv --seed 7"})
final class TrainCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "DATA", description = "Training data: CSV, Parquet or JSON Lines (or a glob).")
  String data;

  @Option(names = {"-l", "--label"}, required = true, paramLabel = "COL", description = "The column to predict.")
  String label;

  @Option(names = {"-a", "--algorithm"}, paramLabel = "NAME", description = "gradient-boosting (default), "
      + "logistic-regression, linear-sgd, cart or random-forest.")
  String algorithm = Algorithm.GRADIENT_BOOSTING.word();

  @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (default: text or "
      + "two-valued labels are classes, other numbers regression).")
  String task;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Model directory (default: model).")
  String out = "model";

  @Option(names = "--exclude", paramLabel = "COL", split = ",", description = "Columns that are not features (ids). Repeatable.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--features", paramLabel = "COL", split = ",", description = "Use only these feature columns.")
  List<String> features = new ArrayList<>();

  @Option(names = "--validation", paramLabel = "FILE", description = "Validation data (default: a fraction of DATA).")
  String validation;

  @Option(names = "--validation-fraction", paramLabel = "F", description = "Share of DATA held out for validation (default: 0.2).")
  double validationFraction = TrainOptions.DEFAULT_VALIDATION_FRACTION;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 42).")
  long seed = TrainOptions.DEFAULT_SEED;

  @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE", description = "A hyperparameter (e.g. max_depth=6). Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the training metrics as JSON (progress goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    TrainOptions o = options(cwd);
    PrintStream progress = json ? root.err : root.out;
    TrainingResult r;
    try {
      r = Training.run(cwd.resolve(data).normalize().toString(), o, cwd.resolve(out), progress);
    } catch (SignatureMismatchException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (json) {
      root.out.println(Json.pretty(new java.util.TreeMap<>(r.metrics())));
    } else {
      Table t = new Table("METRIC", "VALUE");
      r.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .filter(e -> e.getKey().startsWith("validation.") || !e.getKey().contains("."))
          .forEach(e -> t.row(e.getKey(), Format.number(e.getValue())));
      t.print(root.out);
    }
    return ExitCodes.OK;
  }

  private TrainOptions options(Path cwd) {
    Algorithm a = Algorithm.parse(algorithm).orElseThrow(() -> new UsageException("unknown algorithm '" + algorithm
        + "'" + dev.kiln.core.config.Suggestions.hint(algorithm, Algorithm.words()) + "; known: "
        + String.join(", ", Algorithm.words())));
    Map<String, Object> hp = new LinkedHashMap<>();
    params.forEach((k, v) -> hp.put(k, number(k, v)));
    try {
      return new TrainOptions(label, a, Optional.ofNullable(task), features, exclude,
          Optional.ofNullable(validation).map(v -> cwd.resolve(v).normalize().toString()), validationFraction, seed, hp,
          TrainOptions.DEFAULT_MAX_LEVELS);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Number number(String name, String value) {
    try {
      return value.matches("-?\\d+") ? (Number) Long.parseLong(value) : (Number) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException("hyperparameter " + name + " must be a number, found '" + value + "'");
    }
  }
}
