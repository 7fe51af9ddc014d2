package dev.kiln.serve.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.features.Columns;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Batched predictions are the predictions each request would get alone, and a faulty request fails alone. */
class MicroBatcherTest {
  private static final Path FIXTURES = Path.of("../kiln-model/src/test/resources/fixtures").toAbsolutePath();

  private static FeatureMatrix row(Predictor p, double age, double income, String grade) {
    return p.encoder().encode(Columns.of(Map.of("age", new double[] {age}, "income", new double[] {income}),
        Map.of("grade", new String[] {grade})));
  }

  @Test
  void concurrentRequestsGetTheirOwnRowsPredictionsAndAFaultyOneFailsAlone() throws Exception {
    try (Predictor p = Models.loadForServing(Models.resolve("onnx_columns", FIXTURES));
        MicroBatcher b = new MicroBatcher(p, 64, 2_000, 1, "test")) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<double[]>> answers = new ArrayList<>();
      List<FeatureMatrix> rows = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        FeatureMatrix m = row(p, 20 + i % 50, 10 + i % 37, i % 3 == 0 ? "A" : "C");
        rows.add(m);
        answers.add(pool.submit(() -> ((Predictions.Classes) b.predict(m)).probabilities()[0]));
      }
      List<Future<?>> faulty = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        faulty.add(pool.submit(() -> b.predict(row(p, 30.5, 1, "A"))));
      }
      for (int i = 0; i < rows.size(); i++) {
        double[] alone = ((Predictions.Classes) p.predict(rows.get(i))).probabilities()[0];
        assertThat(answers.get(i).get()).containsExactly(alone);
      }
      for (Future<?> f : faulty) {
        assertThatThrownBy(f::get).hasCauseInstanceOf(SignatureMismatchException.class)
            .hasMessageContaining("takes whole numbers");
      }
      pool.shutdown();
    }
  }
}
