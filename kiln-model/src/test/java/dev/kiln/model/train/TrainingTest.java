package dev.kiln.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.Fixtures;
import dev.kiln.model.evaluate.EvaluationOptions;
import dev.kiln.model.evaluate.Evaluator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.ModelFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TrainingTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  /** 300 rows: a numeric column with gaps, a category, a yes/no label that depends on both. */
  public static Path data(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("income,plan,region,churn\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      double income = 20 + r.nextInt(80);
      String plan = List.of("basic", "plus", "pro").get(r.nextInt(3));
      double score = (income - 60) / 20 + (plan.equals("basic") ? 1 : -0.5) + r.nextGaussian() * 0.5;
      sb.append(i % 17 == 0 ? "" : Double.toString(income)).append(',').append(plan).append(',')
          .append(i % 2 == 0 ? "north" : "south").append(',').append(score > 0 ? "yes" : "no").append('\n');
    }
    Path f = dir.resolve("train.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  private static TrainingResult train(Path dir, Algorithm a) throws Exception {
    return Training.run(data(dir).toString(), TrainOptions.of("churn", a), dir.resolve("model"), QUIET);
  }

  @Test
  void gradientBoostingWritesAModelDirectoryThatLoadsBack(@TempDir Path dir) throws Exception {
    TrainingResult r = train(dir, Algorithm.GRADIENT_BOOSTING);
    Path m = dir.resolve("model");
    assertThat(m.resolve("model.json")).exists();
    assertThat(m.resolve("model.yaml")).exists();
    assertThat(m.resolve("training.log")).content().contains("training gradient-boosting");
    assertThat(m.resolve("training-metrics.json")).content().contains("\"validation.auc\"");
    assertThat(m.resolve("reference-profile.json")).exists();
    assertThat(r.metrics().get("validation.auc")).isGreaterThan(0.8);
    try (Predictor p = Models.load("model", dir)) {
      assertThat(p.format()).isEqualTo(ModelFormat.XGBOOST);
      assertThat(p.signature().label()).isEqualTo("churn");
      assertThat(p.signature().inputs()).contains(new Input.Categorical("plan", List.of("basic", "plus", "pro")));
    }
  }

  @Test
  void everyTribuoAlgorithmTrainsAndSavesInProtobufFormat(@TempDir Path dir) throws Exception {
    for (Algorithm a : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.LINEAR_SGD, Algorithm.CART,
        Algorithm.RANDOM_FOREST)) {
      Path sub = Files.createDirectories(dir.resolve(a.word()));
      TrainingResult r = train(sub, a);
      assertThat(sub.resolve("model/model.tribuo")).exists();
      assertThat(r.metrics().get("validation.auc")).as(a.word()).isGreaterThan(0.75);
    }
  }

  @Test
  void logisticRegressionStandardisesAndImputesNumbers(@TempDir Path dir) throws Exception {
    train(dir, Algorithm.LOGISTIC_REGRESSION);
    try (Predictor p = Models.load("model", dir)) {
      Input.Numeric income = (Input.Numeric) p.signature().inputs().get(0);
      assertThat(income.scaled()).isTrue();
      assertThat(income.imputed()).isTrue();
    }
  }

  @Test
  void trainingIsDeterministicForASeed(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    train(a, Algorithm.GRADIENT_BOOSTING);
    train(b, Algorithm.GRADIENT_BOOSTING);
    assertThat(Files.readAllBytes(a.resolve("model/model.json"))).isEqualTo(Files.readAllBytes(b.resolve("model/model.json")));
  }

  @Test
  void regressionTrainsOnANumericLabel(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("r.csv");
    StringBuilder sb = new StringBuilder("x,kind,y\n");
    for (int i = 0; i < 200; i++) {
      sb.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(2.0 * i + (i % 3 == 0 ? 5 : 0))
          .append('\n');
    }
    Files.writeString(data, sb.toString());
    TrainingResult r = Training.run(data.toString(), TrainOptions.of("y", Algorithm.GRADIENT_BOOSTING),
        dir.resolve("model"), QUIET);
    assertThat(r.metrics().get("validation.r2")).isGreaterThan(0.95);
  }

  @Test
  void unseenCategoriesAndMissingValuesAtEvaluationAreEncodedAndCounted(@TempDir Path dir) throws Exception {
    train(dir, Algorithm.GRADIENT_BOOSTING);
    Columns test = Columns.of(Map.of("income", new double[] {50, Double.NaN}),
        Map.of("plan", new String[] {"enterprise", null}, "region", new String[] {"north", "east"},
            "churn", new String[] {"yes", "no"}));
    try (Predictor p = Models.load("model", dir)) {
      var e = Evaluator.evaluate(p, test, EvaluationOptions.defaults());
      assertThat(e.encoding().unseen()).containsEntry("plan", 1).containsEntry("region", 1);
      assertThat(e.encoding().missing()).containsEntry("income", 1).containsEntry("plan", 1);
      assertThat(e.metrics().get("count")).isEqualTo(2.0);
    }
  }

  @Test
  void aMissingLabelColumnOrUnknownHyperparameterIsAClearError(@TempDir Path dir) throws Exception {
    Path d = data(dir);
    assertThatThrownBy(() -> Training.run(d.toString(), TrainOptions.of("deny", Algorithm.CART), dir.resolve("m"), QUIET))
        .hasMessageContaining("no label column 'deny'");
    TrainOptions typo = TrainOptions.of("churn", Algorithm.GRADIENT_BOOSTING).withParams(Map.of("max_dept", 3));
    assertThatThrownBy(() -> Training.run(d.toString(), typo, dir.resolve("m"), QUIET))
        .hasMessageContaining("unknown hyperparameter 'max_dept'").hasMessageContaining("max_depth");
  }

  @Test
  void logisticRegressionRefusesANumericTarget(@TempDir Path dir) throws Exception {
    Path d = data(dir);
    TrainOptions o = new TrainOptions("income", Algorithm.LOGISTIC_REGRESSION, java.util.Optional.of("regression"),
        List.of(), List.of(), java.util.Optional.empty(), 0.2, 1, Map.of(), 100);
    assertThatThrownBy(() -> Training.run(d.toString(), o, dir.resolve("m"), QUIET))
        .hasMessageContaining("logistic-regression does not do regression");
  }

  @Test
  void fixturesDirectoryIsWhereTheTestsExpectIt() {
    assertThat(Fixtures.DIR.resolve("make_fixtures.py")).exists();
  }
}
