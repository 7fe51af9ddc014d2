package dev.kiln.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.Fixtures;
import dev.kiln.model.features.Columns;
import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
  private static final Columns TEST = Fixtures.read(Fixtures.file("xgb_test.csv"));
  private static final JsonNode XGB = Fixtures.json("xgb_expected.json");

  @Test
  void nativeLibrariesOfXGBoostAndOnnxRuntimeLoadOnThisMachine() throws Exception {
    assertThat(XGBoost.loadModel(Fixtures.file("xgb_binary.json").toString()).getNumFeature()).isEqualTo(4);
    assertThat(OrtEnvironment.getEnvironment()).isNotNull();
  }

  @Test
  void xgboostJsonSavedByPythonPredictsAsPythonDoes() {
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      assertThat(p.format()).isEqualTo(ModelFormat.XGBOOST);
      assertThat(p.signature().inputNames()).containsExactly("age", "income", "debt_ratio", "accounts");
      assertThat(p.signature().task()).isEqualTo(Task.Classification.of(java.util.List.of("0", "1")));
      var out = (Predictions.Classes) p.predict(TEST);
      assertClose(out.column(1), Fixtures.doubles(XGB.get("binary_p1")), 1e-6);
    }
  }

  @Test
  void xgboostUbjSavedByPythonPredictsAsPythonDoes() {
    try (Predictor p = Models.load("xgb_binary.ubj", Fixtures.DIR)) {
      assertClose(((Predictions.Classes) p.predict(TEST)).column(1), Fixtures.doubles(XGB.get("binary_p1")), 1e-6);
    }
  }

  @Test
  void xgboostRegressorAndMulticlassModelsPredictAsPythonDoes() {
    try (Predictor r = Models.load("xgb_regression.json", Fixtures.DIR);
        Predictor m = Models.load("xgb_multiclass.json", Fixtures.DIR)) {
      assertClose(((Predictions.Scores) r.predict(TEST)).values(), Fixtures.doubles(XGB.get("regression")), 1e-4);
      var classes = (Predictions.Classes) m.predict(TEST);
      assertThat(classes.classes()).containsExactly("0", "1", "2");
      for (int k = 0; k < 3; k++) {
        assertClose(classes.column(k), column(XGB.get("multiclass"), k), 1e-6);
      }
    }
  }

  @Test
  void xgboostSoftmaxAndLogitrawModelsGiveTheProbabilitiesOfTheirMargins() {
    JsonNode expected = Fixtures.json("xgb_margin_expected.json");
    try (Predictor soft = Models.load("xgb_softmax.json", Fixtures.DIR);
        Predictor raw = Models.load("xgb_logitraw.json", Fixtures.DIR)) {
      var classes = (Predictions.Classes) soft.predict(TEST);
      assertThat(classes.classes()).containsExactly("0", "1", "2");
      for (int k = 0; k < 3; k++) {
        assertClose(classes.column(k), column(expected.get("softmax"), k), 1e-6);
      }
      for (int i = 0; i < TEST.rows(); i++) {
        int best = 0;
        for (int k = 1; k < 3; k++) {
          best = classes.column(k)[i] > classes.column(best)[i] ? k : best;
        }
        assertThat(best).as("row %d: the class multi:softmax predicts", i)
            .isEqualTo(expected.get("softmax_class").get(i).asInt());
      }
      assertClose(((Predictions.Classes) raw.predict(TEST)).column(1), Fixtures.doubles(expected.get("logitraw_p1")),
          1e-6);
    }
  }

  @Test
  void onnxLogisticRegressionWrittenWithTheOnnxHelperMatchesTheReferenceArithmetic() {
    try (Predictor p = Models.load("onnx_logistic", Fixtures.DIR)) {
      assertThat(p.format()).isEqualTo(ModelFormat.ONNX);
      var out = (Predictions.Classes) p.predict(complete(TEST));
      double[] ref = Fixtures.doubles(Fixtures.json("onnx_logistic_expected.json").get("p1"));
      assertClose(out.column(1), complete(ref), 1e-6);
    }
  }

  @Test
  void onnxTreeEnsembleConvertedFromScikitLearnMatchesPredictProba() {
    try (Predictor p = Models.load("onnx_forest/model.onnx", Fixtures.DIR)) {
      var out = (Predictions.Classes) p.predict(complete(TEST));
      double[] ref = Fixtures.doubles(Fixtures.json("onnx_forest_expected.json").get("p1"));
      assertClose(out.column(1), complete(ref), 1e-6);
    }
  }

  @Test
  void onnxClassifiersWithZipMapOutputsAsSkl2onnxWritesThemMatchPredictProba() {
    try (Predictor p = Models.load("onnx_forest_zipmap", Fixtures.DIR)) {
      var out = (Predictions.Classes) p.predict(complete(TEST));
      double[] ref = Fixtures.doubles(Fixtures.json("onnx_forest_expected.json").get("p1"));
      assertClose(out.column(1), complete(ref), 1e-6);
      assertClose(out.column(0), java.util.Arrays.stream(complete(ref)).map(x -> 1 - x).toArray(), 1e-6);
    }
  }

  @Test
  void onnxModelsWithOneInputPerColumnReadColumnsByNameAndTextAsText() {
    Columns data = Fixtures.read(Fixtures.file("onnx_columns_test.csv"));
    try (Predictor p = Models.load("onnx_columns", Fixtures.DIR)) {
      assertThat(p.signature().inputs()).containsExactly(Input.Numeric.raw("age"), Input.Numeric.raw("income"),
          new Input.Text("grade"));
      assertThat(p.signature().task()).isEqualTo(Task.Classification.of(java.util.List.of("0", "1")));
      var out = (Predictions.Classes) p.predict(data);
      JsonNode expected = Fixtures.json("onnx_columns_expected.json");
      assertClose(out.column(1), Fixtures.doubles(expected.get("p1")), 1e-6);
      assertClose(out.column(1), Fixtures.doubles(expected.get("sklearn_p1")), 1e-5);
    }
  }

  @Test
  void aMissingValueForAWholeNumberOnnxInputIsAnErrorNamingTheRow() {
    Columns data = Columns.of(Map.of("age", new double[] {30, Double.NaN}, "income", new double[] {40, 41}),
        Map.of("grade", new String[] {"A", "B"}));
    try (Predictor p = Models.load("onnx_columns", Fixtures.DIR)) {
      assertThatThrownBy(() -> p.predict(data)).hasMessageContaining("input 'age' takes whole numbers (int64)")
          .hasMessageContaining("row 2 holds a missing value");
    }
  }

  @Test
  void aModelYamlThatMakesATextInputANumberIsRejected(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.file("onnx_columns/model.onnx"), dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("model.yaml"), "file: model.onnx\ninputs:\n  - {name: age}\n  - {name: income}\n"
        + "  - {name: grade}\n");
    assertThatThrownBy(() -> Models.load(dir.toString(), dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("makes input 'grade' a number but the model takes it as text");
  }

  @Test
  void aModelFileWithoutRecordedColumnsAsksForAModelYaml(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.file("onnx_forest/model.onnx"), dir.resolve("model.onnx"));
    assertThatThrownBy(() -> Models.load("model.onnx", dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.yaml");
  }

  @Test
  void aCorruptModelFileIsAClearError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.json"), "{\"learner\": [1, 2");
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
    Files.writeString(dir.resolve("model.tribuo"), "not protobuf at all");
    assertThatThrownBy(() -> Models.load("model.json", dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("XGBoost cannot load this file");
    assertThatThrownBy(() -> Models.load("model.onnx", dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("ONNX Runtime cannot load");
    assertThatThrownBy(() -> Models.load("model.tribuo", dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a Tribuo model");
  }

  @Test
  void aModelOfAnotherKindUnderAnXGBoostNameIsAClearError(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.file("onnx_forest/model.onnx"), dir.resolve("model.json"));
    assertThatThrownBy(() -> Models.load("model.json", dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not an XGBoost JSON or UBJSON model");
  }

  @Test
  void dataWithoutAColumnTheModelNeedsIsAnErrorNamingIt() {
    Columns missing = Columns.of(Map.of("age", new double[] {30}, "income", new double[] {40}), Map.of());
    try (Predictor p = Models.load("xgb_binary.json", Fixtures.DIR)) {
      assertThatThrownBy(() -> p.predict(missing)).hasMessageContaining("no columns debt_ratio, accounts");
    }
  }

  @Test
  void aModelYamlWhoseInputsDoNotMatchTheModelIsRejected(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.file("xgb_binary.json"), dir.resolve("model.json"));
    Files.writeString(dir.resolve("model.yaml"), "file: model.json\ninputs:\n  - {name: age}\n  - {name: income}\n");
    assertThatThrownBy(() -> Models.load(dir.toString(), dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("the model takes 4 features but its signature gives 2");
  }

  @Test
  void registryReferencesMustBeResolvedByTheRegistryFirst(@TempDir Path dir) {
    assertThatThrownBy(() -> Models.load("credit-risk@production", dir)).hasMessageContaining("is a registry reference");
  }

  @Test
  void inputsInModelYamlAreReadWithTheirEncoding(@TempDir Path dir) throws Exception {
    Files.copy(Fixtures.file("xgb_binary.json"), dir.resolve("model.json"));
    Files.writeString(dir.resolve("model.yaml"), "file: model.json\ntask: classification\nclasses: [\"no\", \"yes\"]\n"
        + "inputs:\n  - {name: age, impute: 40}\n  - {name: income}\n  - {name: debt_ratio}\n  - {name: accounts}\n");
    try (Predictor p = Models.load(dir.toString(), dir)) {
      assertThat(p.signature().inputs().get(0)).isEqualTo(new Input.Numeric("age", 40, 0, 1));
      assertThat(((Task.Classification) p.signature().task()).positive()).isEqualTo("yes");
    }
  }

  private static Columns complete(Columns c) {
    return c.select(completeRows(c));
  }

  private static double[] complete(double[] v) {
    int[] rows = completeRows(TEST);
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }

  private static int[] completeRows(Columns c) {
    return java.util.stream.IntStream.range(0, c.rows())
        .filter(i -> !Double.isNaN(c.numbers("age").get()[i]) && !Double.isNaN(c.numbers("income").get()[i]))
        .toArray();
  }

  /** Column {@code k} of a JSON array of rows. */
  private static double[] column(JsonNode rows, int k) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).get(k).asDouble();
    }
    return out;
  }

  static void assertClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("row %d", i).isCloseTo(expected[i], within(tolerance));
    }
  }
}
