package dev.kiln.model.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.Fixtures;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.train.Algorithm;
import dev.kiln.model.train.TrainOptions;
import dev.kiln.model.train.Training;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiln's Java predictor against XGBoost4J on every row: the models Python saved (the fixtures,
 * with missing values in the test rows), and the models kiln train makes with its defaults on the
 * example data (credit-risk's HMDA, telco churn as a binary, a three-class and a regression
 * model; telco has rows with a missing total_charges).
 */
class XGBoostAgreementTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
  private static final Path TELCO = Fixtures.shared("telco_churn.csv").orElseThrow();
  private static final Path HMDA = Path.of("../examples/credit-risk/data/hmda.csv").toAbsolutePath().normalize();

  @TempDir
  static Path dir;

  @BeforeAll
  static void train() throws Exception {
    Training.run(HMDA.toString(), TrainOptions.of("deny", Algorithm.GRADIENT_BOOSTING).withSeed(7),
        dir.resolve("credit-risk"), QUIET);
    Training.run(TELCO.toString(), TrainOptions.of("churn", Algorithm.GRADIENT_BOOSTING), dir.resolve("telco"), QUIET);
    Training.run(TELCO.toString(), TrainOptions.of("contract", Algorithm.GRADIENT_BOOSTING),
        dir.resolve("telco-contract"), QUIET);
    TrainOptions regression = TrainOptions.of("monthly_charges", Algorithm.GRADIENT_BOOSTING);
    regression = new TrainOptions(regression.label(), regression.algorithm(), Optional.of("regression"),
        List.of(), List.of(), Optional.empty(), regression.validationFraction(), regression.seed(), Map.of(),
        regression.maxLevels());
    Training.run(TELCO.toString(), regression, dir.resolve("telco-charges"), QUIET);
  }

  private static double agree(String model, Path base, Path data) {
    Columns rows = Fixtures.read(data);
    try (Predictor reference = Models.load(model, base);
        Predictor java = Models.loadForServing(Models.resolve(model, base))) {
      assertThat(java.format()).isEqualTo(ModelFormat.XGBOOST);
      assertThat(java.signature()).isEqualTo(reference.signature());
      FeatureMatrix x = java.encoder().encode(rows);
      return Agreement.check(model, reference, java, x);
    }
  }

  @Test
  void everyFixtureModelSavedByPythonPredictsAsXGBoost4JOnEveryTestRowIncludingMissingValues() {
    Path test = Fixtures.file("xgb_test.csv");
    for (String m : List.of("xgb_binary.json", "xgb_binary.ubj", "xgb_regression.json", "xgb_multiclass.json",
        "xgb_softmax.json", "xgb_logitraw.json")) {
      assertThat(agree(m, Fixtures.DIR, test)).as(m).isLessThanOrEqualTo(Agreement.TOLERANCE);
    }
  }

  @Test
  void theCreditRiskExampleModelPredictsAsXGBoost4JOnEveryRow() {
    assertThat(agree("credit-risk", dir, HMDA)).isLessThanOrEqualTo(Agreement.TOLERANCE);
  }

  @Test
  void telcoChurnModelsBinaryThreeClassAndRegressionPredictAsXGBoost4JOnEveryRow() throws Exception {
    assertThat(Files.readAllLines(TELCO)).anyMatch(l -> l.endsWith(","));
    for (String m : List.of("telco", "telco-contract", "telco-charges")) {
      assertThat(agree(m, dir, TELCO)).as(m).isLessThanOrEqualTo(Agreement.TOLERANCE);
    }
  }

  @Test
  void aFifthOfTelcosEncodedValuesMissingStillPredictsAsXGBoost4J() {
    Columns rows = Fixtures.read(TELCO);
    Random r = new Random(11);
    for (String m : List.of("telco", "telco-contract", "telco-charges")) {
      try (Predictor reference = Models.load(m, dir);
          Predictor java = Models.loadForServing(Models.resolve(m, dir))) {
        FeatureMatrix x = java.encoder().encode(rows);
        float[] v = x.values().clone();
        for (int i = 0; i < v.length; i++) {
          if (r.nextInt(5) == 0) {
            v[i] = Float.NaN;
          }
        }
        Agreement.check(m + " with gaps", reference, java, new FeatureMatrix(v, x.rows(), x.cols()));
      }
    }
  }
}
