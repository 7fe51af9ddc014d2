package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both protocols over real HTTP answer what the models predict in Python (committed fixtures). */
class ProtocolsTest {
  private static final List<String> FEATURES = List.of("age", "income", "debt_ratio", "accounts");
  private static Gateway gateway;
  private static Http http;
  private static Rows rows;
  private static double[] p1;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), m -> { });
    gateway.deploy(TestBundles.xgboost(dir, "credit", 1));
    http = new Http(gateway.url());
    rows = Rows.read(TestBundles.fixture("xgb_test.csv"), FEATURES);
    JsonNode expected = new ObjectMapper().readTree(TestBundles.fixture("xgb_expected.json").toFile());
    p1 = new double[expected.get("binary_p1").size()];
    for (int i = 0; i < p1.length; i++) {
      p1[i] = expected.get("binary_p1").get(i).asDouble();
    }
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void v2InferAnswersTheProbabilitiesAndDecidedClassesPythonComputes() {
    String body = Http.json(Map.of("id", "req-7", "inputs", rows.tensors(Map.of("accounts", "INT64"))));
    Http.Reply r = http.json("/v2/models/credit/infer", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode out = r.json();
    assertThat(out.get("model_name").asText()).isEqualTo("credit");
    assertThat(out.get("model_version").asText()).isEqualTo("1");
    assertThat(out.get("id").asText()).isEqualTo("req-7");
    JsonNode predicted = out.get("outputs").get(0);
    JsonNode probabilities = out.get("outputs").get(1);
    assertThat(predicted.get("name").asText()).isEqualTo("predicted");
    assertThat(probabilities.get("shape").toString()).isEqualTo("[" + rows.size() + ",2]");
    assertThat(probabilities.get("parameters").get("classes").toString()).isEqualTo("[\"0\",\"1\"]");
    for (int i = 0; i < rows.size(); i++) {
      assertThat(probabilities.get("data").get(2 * i + 1).asDouble()).isCloseTo(p1[i], within(1e-6));
      assertThat(predicted.get("data").get(i).asText()).isEqualTo(p1[i] >= 0.5 ? "1" : "0");
    }
  }

  @Test
  void aNamedVersionAnswersAndTheOutputsAskedForAreTheOnlyOnes() {
    String body = Http.json(Map.of("inputs", rows.tensors(Map.of()), "outputs", List.of(Map.of("name", "probabilities"))));
    Http.Reply r = http.json("/v2/models/credit/versions/1/infer", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("outputs")).hasSize(1);
    assertThat(r.json().get("outputs").get(0).get("name").asText()).isEqualTo("probabilities");
  }

  @Test
  void everyMlflowFormatAnswersTheSameProbabilities() {
    Map<String, Object> proba = Map.of("predict", "probabilities");
    List<String> bodies = List.of(
        Http.json(Map.of("dataframe_split", rows.split(), "params", proba)),
        Http.json(Map.of("dataframe_records", rows.records(), "params", proba)),
        Http.json(Map.of("instances", rows.records(), "params", proba)),
        Http.json(Map.of("instances", rows.values(), "params", proba)),
        Http.json(Map.of("inputs", rows.columnar(), "params", proba)));
    for (String body : bodies) {
      Http.Reply r = http.json("/invocations", body);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode predictions = r.json().get("predictions");
      assertThat(predictions).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(predictions.get(i).get(1).asDouble()).as(body.substring(0, 30)).isCloseTo(p1[i], within(1e-6));
      }
    }
  }

  @Test
  void mlflowAnswersClassesByDefaultAsAPyfuncClassifierDoes() {
    Http.Reply json = http.json("/invocations", Http.json(Map.of("dataframe_split", rows.split())));
    Http.Reply csv = http.post("/invocations", "text/csv", rows.csv());
    for (Http.Reply r : List.of(json, csv)) {
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(r.json().get("predictions").get(i).isNumber()).isTrue();
        assertThat(r.json().get("predictions").get(i).asInt()).isEqualTo(p1[i] >= 0.5 ? 1 : 0);
      }
    }
  }

  @Test
  void everyResponseNamesTheModelVersionAndTheRequestId() {
    Http.Reply given = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        gateway.url() + "/invocations")).header("Content-Type", "application/json").header("X-Request-Id", "abc-123")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(Map.of("dataframe_split", rows.split())))));
    assertThat(given.header("X-Request-Id")).isEqualTo("abc-123");
    assertThat(given.header("X-Kiln-Model")).isEqualTo("credit");
    assertThat(given.header("X-Kiln-Model-Version")).isEqualTo("1");
    Http.Reply made = http.json("/invocations", "{}");
    assertThat(made.status()).isEqualTo(400);
    assertThat(made.header("X-Request-Id")).matches("[0-9a-f]{32}");
    assertThat(made.header("X-Kiln-Model-Version")).isEqualTo("1");
  }

  @Test
  void healthAndMetadataEndpointsAnswerAsTheProtocolsSay() {
    assertThat(http.get("/v2/health/live").json().get("live").asBoolean()).isTrue();
    assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
    assertThat(http.get("/v2/models/credit/ready").json().get("ready").asBoolean()).isTrue();
    assertThat(http.get("/v2/models/credit/versions/1/ready").status()).isEqualTo(200);
    assertThat(http.get("/v2").json().get("name").asText()).isEqualTo("kiln");
    JsonNode meta = http.get("/v2/models/credit").json();
    assertThat(meta.get("platform").asText()).isEqualTo("xgboost");
    assertThat(meta.get("versions").toString()).isEqualTo("[\"1\"]");
    assertThat(meta.get("inputs").get(0).get("name").asText()).isEqualTo("age");
    assertThat(meta.get("outputs").get(1).get("shape").toString()).isEqualTo("[-1,2]");
    assertThat(http.get("/ping").status()).isEqualTo(200);
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(http.get("/version").status()).isEqualTo(200);
  }

  @Test
  void metricsCountRequestsPerVersionAndEndpointWithALatencyHistogram() {
    http.json("/v2/models/credit/infer", Http.json(Map.of("inputs", rows.tensors(Map.of()))));
    http.json("/invocations", "not json");
    String m = http.get("/metrics").body();
    assertThat(m).contains("kiln_requests_total{endpoint=\"v2_infer\",model=\"credit\",status=\"200\",version=\"1\"}");
    assertThat(m).contains("kiln_request_errors_total{endpoint=\"invocations\",model=\"credit\",status=\"400\",version=\"1\"}");
    assertThat(m).contains("kiln_request_duration_seconds_bucket{endpoint=\"v2_infer\"");
    assertThat(m).contains("kiln_request_size_bytes_bucket").contains("kiln_prediction_score_bucket")
        .contains("kiln_predictions_total{class=\"1\",model=\"credit\",version=\"1\"}")
        .contains("jvm_memory_used_bytes");
  }
}
