package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.Limits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad feedback body gets a 4xx whose JSON names what is wrong, and takes none of its labels. */
class BadFeedbackTest {
  private static Gateway gateway;
  private static Http http;
  private static String id;
  private static String regressed;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0).withLimits(new Limits(4096, 5)), m -> { });
    gateway.deploy(TestBundles.onnxColumns(dir, "grades", 2));
    gateway.deploy(TestBundles.xgboostRegression(dir, "amounts", 1));
    http = new Http(gateway.url());
    Http.Reply r = http.json("/v2/models/grades/infer", Http.json(Map.of("inputs", List.of(
        Map.of("name", "age", "datatype", "INT64", "shape", List.of(1), "data", List.of(30)),
        Map.of("name", "income", "datatype", "FP32", "shape", List.of(1), "data", List.of(20.5)),
        Map.of("name", "grade", "datatype", "BYTES", "shape", List.of(1), "data", List.of("A"))))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    id = r.header("X-Request-Id");
    Http.Reply a = http.json("/v2/models/amounts/infer", Http.json(Map.of("inputs", List.of(
        Map.of("name", "age", "datatype", "FP64", "shape", List.of(1), "data", List.of(30)),
        Map.of("name", "income", "datatype", "FP64", "shape", List.of(1), "data", List.of(20.5)),
        Map.of("name", "debt_ratio", "datatype", "FP64", "shape", List.of(1), "data", List.of(0.2)),
        Map.of("name", "accounts", "datatype", "FP64", "shape", List.of(1), "data", List.of(3))))));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    regressed = a.header("X-Request-Id");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static JsonNode refused(Http.Reply r, int status, String problem) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode b = r.json();
    assertThat(b.get("message").asText()).isNotBlank().doesNotContain("at dev.kiln").doesNotContain("Exception");
    assertThat(b.get("problem").asText()).isEqualTo(problem);
    return b;
  }

  private static Http.Reply post(String body) {
    return http.json("/feedback", body);
  }

  @Test
  void aBodyThatIsNotJsonOrNotAnObjectIsMalformed() {
    assertThat(refused(post("{\"labels\": [}"), 400, "malformed").get("message").asText()).contains("not valid JSON");
    refused(post(""), 400, "malformed");
    refused(post("[1, 2]"), 400, "malformed");
    refused(post("{}"), 400, "malformed");
    refused(post("{\"labels\": null}"), 400, "malformed");
  }

  @Test
  void labelsOfTheWrongShapeOrTypeAreNamedByTheirPlace() {
    refused(post("{\"labels\": {\"id\": \"x\"}}"), 400, "wrong_type");
    assertThat(refused(post("{\"labels\": [{\"id\": \"" + id + "\", \"label\": 1}, 7]}"), 400, "wrong_type")
        .get("message").asText()).contains("labels[1]");
    refused(post("{\"labels\": [{\"label\": 1}]}"), 400, "missing");
    refused(post("{\"labels\": [{\"id\": 12, \"label\": 1}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"id\": \"\", \"label\": 1}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"id\": \"x\", \"row\": -1, \"label\": 1}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"id\": \"x\", \"row\": 1.5, \"label\": 1}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"id\": \"x\", \"row\": \"2\", \"label\": 1}]}"), 400, "wrong_type");
    assertThat(refused(post("{\"labels\": [{\"id\": \"x\"}]}"), 400, "missing").get("message").asText())
        .contains("labels[0] has no 'label'");
    refused(post("{\"labels\": [{\"id\": \"x\", \"label\": null}]}"), 400, "missing");
    refused(post("{\"labels\": [{\"id\": \"x\", \"label\": [1]}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"id\": \"x\", \"label\": {\"v\": 1}}]}"), 400, "wrong_type");
    refused(post("{\"labels\": [{\"key\": \"L1\", \"label\": 1}]}"), 400, "wrong_shape");
    refused(post("{\"key\": \"loan_id\", \"labels\": []}"), 400, "wrong_shape");
  }

  @Test
  void aLabelTheModelCannotHaveIsRefusedAndNoLabelOfTheBodyIsTaken() {
    JsonNode b = refused(post("{\"labels\": [{\"id\": \"" + id + "\", \"label\": 1}, {\"id\": \"" + id
        + "\", \"label\": \"yes\"}]}"), 400, "unknown_class");
    assertThat(b.get("message").asText()).contains("labels[1].label 'yes'").contains("grades:2").contains("[0, 1]");
    refused(post("{\"labels\": [{\"id\": \"" + id + "\", \"label\": 2}]}"), 400, "unknown_class");
    refused(post("{\"labels\": [{\"id\": \"" + regressed + "\", \"label\": \"high\"}]}"), 400, "wrong_type");
    assertThat(http.get("/feedback").json().get("labels").get("accepted").asInt()).isZero();
  }

  @Test
  void tooManyLabelsOrTooLargeABodyIs413() {
    String six = "{\"labels\": [" + String.join(",", java.util.Collections.nCopies(6, "{\"id\": \"x\", \"label\": 1}"))
        + "]}";
    refused(post(six), 413, "too_large");
    refused(post("{\"labels\": [{\"id\": \"" + "x".repeat(5000) + "\", \"label\": 1}]}"), 413, "too_large");
  }

  @Test
  void anotherMediaTypeIs415AndAnotherMethod405() {
    refused(http.post("/feedback", "text/csv", "id,label\nx,1\n"), 415, "unsupported_media_type");
    Http.Reply put = http.send(HttpRequest.newBuilder(URI.create(gateway.url().replace("0.0.0.0", "127.0.0.1")
        + "/feedback")).PUT(HttpRequest.BodyPublishers.ofString("{}")));
    refused(put, 405, "method_not_allowed");
  }
}
