package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.core.TestClock;
import dev.kiln.model.evaluate.EvaluationOptions;
import dev.kiln.model.evaluate.Evaluator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.serve.feedback.AccuracyWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labelled traffic through the gateway — single rows and batches, over both protocols — with its
 * labels posted late and shuffled: the live metrics equal kiln evaluate's on the same rows and model.
 */
class LiveAccuracyTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** A request id and row per data row, and the label the data holds for it. */
  private record Sent(String id, int row, boolean batch, String label) {}

  @Test
  void liveAccuracyAucAndLogLossEqualKilnEvaluateOnTheSameRowsWithLabelsLateAndShuffled(@TempDir Path dir)
      throws Exception {
    TestClock clock = new TestClock(T0);
    List<AccuracyWindow> closed = new CopyOnWriteArrayList<>();
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), clock, m -> { })) {
      g.feedback().listen(closed::add);
      Path bundle = TestBundles.onnxColumns(dir, "grades", 2);
      g.deploy(bundle);
      Http http = new Http(g.url());
      Rows rows = Rows.read(TestBundles.fixture("onnx_columns_test.csv"), List.of("age", "income", "grade"));
      Columns data = Labelled.columns(TestBundles.fixture("onnx_columns_test.csv"), Set.of("age", "income"));
      List<Sent> sent = send(http, rows, data.strings("label"), "/v2/models/grades/infer", Map.of("age", "INT64",
          "grade", "BYTES"));

      JsonNode partial = postShuffled(http, clock, sent, 0.6);
      clock.advance(Duration.ofMinutes(20));
      JsonNode rest = postShuffled(http, clock, sent.subList((int) (sent.size() * 0.6), sent.size()), 1.0);
      assertThat(partial.get("accepted").asLong() + rest.get("accepted").asLong()).isEqualTo(sent.size());

      Map<String, Double> offline;
      try (Predictor p = Models.load(bundle.resolve("model").toString(), dir)) {
        offline = Evaluator.evaluate(p, data, EvaluationOptions.defaults().withLabel("label")).metrics();
      }
      JsonNode live = http.get("/feedback").json().get("versions").get(0);
      assertThat(live.get("model").asText()).isEqualTo("grades");
      assertThat(live.get("cumulative").get("labels").asLong()).isEqualTo(sent.size());
      assertEqual(live.get("cumulative").get("metrics"), offline);
      assertEqual(live.get("window").get("metrics"), offline);

      clock.advance(Duration.ofHours(1));
      g.feedback().tick();
      assertThat(closed).hasSize(1);
      AccuracyWindow w = closed.get(0);
      assertThat(w.model()).isEqualTo("grades");
      assertThat(w.version()).isEqualTo(2);
      assertThat(w.labels()).isEqualTo(sent.size());
      assertThat(w.start()).isEqualTo(T0);
      assertThat(w.end()).isEqualTo(T0.plus(Duration.ofHours(1)));
      for (String m : List.of("accuracy", "auc", "log_loss", "f1", "brier", "average_precision")) {
        assertThat(w.metrics().get(m)).as(m).isCloseTo(offline.get(m), within(1e-9));
      }
    }
  }

  @Test
  void liveMaeAndRmseOfARegressorEqualKilnEvaluateOnTheSameRows(@TempDir Path dir) throws Exception {
    TestClock clock = new TestClock(T0);
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), clock, m -> { })) {
      Path bundle = TestBundles.xgboostRegression(dir, "amounts", 1);
      g.deploy(bundle);
      Http http = new Http(g.url());
      List<String> features = List.of("age", "income", "debt_ratio", "accounts");
      Rows rows = Rows.read(TestBundles.fixture("xgb_test.csv"), features);
      Columns data = Labelled.columns(TestBundles.fixture("xgb_test.csv"), Set.of("age", "income", "debt_ratio",
          "accounts", "amount"));
      List<Sent> sent = send(http, rows, data.strings("amount"), "/invocations", null);
      clock.advance(Duration.ofHours(3));
      postShuffled(http, clock, sent, 1.0);

      Map<String, Double> offline;
      // kiln evaluate's load path with XGBoost4J is not on the gateway's classpath: the same model, predicted in Java.
      try (Predictor p = Models.loadForServing(Models.resolve(bundle.resolve("model/model.json").toString(), dir))) {
        offline = Evaluator.evaluate(p, data, EvaluationOptions.defaults().withLabel("amount")).metrics();
      }
      JsonNode live = http.get("/feedback").json().get("versions").get(0);
      assertThat(live.get("task").asText()).isEqualTo("regression");
      assertEqual(live.get("cumulative").get("metrics"), offline);
      assertThat(live.get("cumulative").get("metrics").has("mae")).isTrue();
      assertThat(live.get("cumulative").get("metrics").has("rmse")).isTrue();
    }
  }

  /**
   * Sends every row: the first half one row per request over /invocations, the rest in batches of
   * five over {@code batchPath} (v2 tensors when {@code tensors} is given, else MLflow records).
   */
  private static List<Sent> send(Http http, Rows rows, String[] labels, String batchPath, Map<String, String> tensors) {
    List<Sent> sent = new ArrayList<>();
    int half = rows.size() / 2;
    for (int i = 0; i < half; i++) {
      Rows one = new Rows(rows.columns(), List.of(rows.values().get(i)));
      Http.Reply r = http.json("/invocations", Http.json(Map.of("dataframe_records", one.records())));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      sent.add(new Sent(r.header("X-Request-Id"), 0, false, labels[i]));
    }
    for (int from = half; from < rows.size(); from += 5) {
      int to = Math.min(rows.size(), from + 5);
      Rows batch = new Rows(rows.columns(), rows.values().subList(from, to));
      String body = tensors != null ? Http.json(Map.of("inputs", batch.tensors(tensors)))
          : Http.json(Map.of("dataframe_records", batch.records()));
      Http.Reply r = http.json(tensors != null ? batchPath : "/invocations", body);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      for (int i = from; i < to; i++) {
        sent.add(new Sent(r.header("X-Request-Id"), i - from, to - from > 1, labels[i]));
      }
    }
    assertThat(sent.stream().map(Sent::id).distinct().count()).isGreaterThan(half);
    return sent;
  }

  /** Posts the labels of a share of {@code sent}, shuffled, in bodies of seven, a minute apart; the summed receipt. */
  private static JsonNode postShuffled(Http http, TestClock clock, List<Sent> sent, double share) {
    List<Sent> labels = new ArrayList<>(sent.subList(0, (int) (sent.size() * share)));
    Collections.shuffle(labels, new Random(12));
    long accepted = 0;
    for (int from = 0; from < labels.size(); from += 7) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Sent s : labels.subList(from, Math.min(labels.size(), from + 7))) {
        Object label = s.label().matches("-?[0-9]+") ? (Object) Long.parseLong(s.label())
            : s.label().matches("-?[0-9.]+") ? (Object) Double.parseDouble(s.label()) : s.label();
        if (!s.batch()) {
          items.add(Map.of("id", s.id(), "label", label));
        } else if (s.row() % 2 == 0) {
          items.add(Map.of("id", s.id(), "row", s.row(), "label", label));
        } else {
          items.add(Map.of("id", s.id() + "#" + s.row(), "label", label));
        }
      }
      Http.Reply r = http.json("/feedback", Http.json(Map.of("labels", items)));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("unknown").asLong()).as(r.body()).isZero();
      accepted += r.json().get("accepted").asLong();
      clock.advance(Duration.ofMinutes(1));
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("accepted", accepted);
  }

  private static void assertEqual(JsonNode live, Map<String, Double> offline) {
    int compared = 0;
    for (var it = live.fields(); it.hasNext(); ) {
      var e = it.next();
      if (offline.containsKey(e.getKey())) {
        assertThat(e.getValue().asDouble()).as(e.getKey()).isCloseTo(offline.get(e.getKey()), within(1e-9));
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(5);
    if (offline.containsKey("auc")) {
      assertThat(live.has("auc") && live.has("accuracy") && live.has("log_loss")).as(live.toString()).isTrue();
    }
  }
}
