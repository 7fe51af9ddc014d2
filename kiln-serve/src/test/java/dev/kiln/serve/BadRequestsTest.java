package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.Limits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad request gets its status and a body in the protocol's format naming what is wrong. */
class BadRequestsTest {
  private static Gateway gateway;
  private static Http http;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0).withLimits(new Limits(4096, 5)), m -> { });
    gateway.deploy(TestBundles.onnxColumns(dir, "grades", 2));
    http = new Http(gateway.url());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static Map<String, Object> tensor(String name, String type, List<?> data) {
    return Map.of("name", name, "datatype", type, "shape", List.of(data.size()), "data", data);
  }

  private static String infer(Object... tensors) {
    return Http.json(Map.of("inputs", List.of(tensors)));
  }

  private static final Object AGE = tensor("age", "INT64", List.of(30, 41));
  private static final Object INCOME = tensor("income", "FP32", List.of(20.5, 60.0));
  private static final Object GRADE = tensor("grade", "BYTES", List.of("A", "C"));

  /** The v2 error body: {"error": ..., "problem": ..., "column": ...}. */
  private static JsonNode v2(Http.Reply r, int status, String problem) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode b = r.json();
    assertThat(b.get("error").asText()).isNotBlank().doesNotContain("at dev.kiln").doesNotContain("Exception");
    assertThat(b.get("problem").asText()).isEqualTo(problem);
    return b;
  }

  /** MLflow's error body: {"error_code": ..., "message": ..., "problem": ...}. */
  private static JsonNode mlflow(Http.Reply r, int status, String code, String problem) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode b = r.json();
    assertThat(b.get("error_code").asText()).isEqualTo(code);
    assertThat(b.get("message").asText()).isNotBlank().doesNotContain("at dev.kiln");
    assertThat(b.get("problem").asText()).isEqualTo(problem);
    return b;
  }

  @Test
  void theGoodRequestThatTheBadOnesDeviateFromIsAnswered() {
    Http.Reply r = http.json("/v2/models/grades/infer", infer(AGE, INCOME, GRADE));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aMissingColumnIsNamed() {
    JsonNode b = v2(http.json("/v2/models/grades/infer", infer(AGE, GRADE)), 400, "missing");
    assertThat(b.get("column").asText()).isEqualTo("income");
    assertThat(b.get("error").asText()).contains("missing column income").contains("age, income, grade");
    JsonNode m = mlflow(http.json("/invocations", "{\"dataframe_records\": [{\"age\": 3, \"grade\": \"A\"}]}"), 400,
        "BAD_REQUEST", "missing");
    assertThat(m.get("column").asText()).isEqualTo("income");
  }

  @Test
  void anUnknownColumnIsNamedWithTheColumnsTheModelTakes() {
    JsonNode b = v2(http.json("/v2/models/grades/infer", infer(AGE, INCOME, GRADE, tensor("colour", "BYTES",
        List.of("red", "blue")))), 400, "unknown");
    assertThat(b.get("column").asText()).isEqualTo("colour");
    assertThat(b.get("error").asText()).contains("unknown column 'colour'").contains("age, income, grade");
    mlflow(http.json("/invocations", "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"grade\", \"x\"], "
        + "\"data\": [[1, 2, \"A\", 4]]}}"), 400, "BAD_REQUEST", "unknown");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsRow() {
    JsonNode m = mlflow(http.json("/invocations", "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"grade\"], "
        + "\"data\": [[30, 1.5, \"A\"], [\"old\", 2.5, \"B\"]]}}"), 400, "BAD_REQUEST", "wrong_type");
    assertThat(m.get("column").asText()).isEqualTo("age");
    assertThat(m.get("message").asText()).contains("row 2 holds the string \"old\"");
    JsonNode v = v2(http.json("/v2/models/grades/infer", infer(tensor("age", "BYTES", List.of("30", "41")), INCOME,
        GRADE)), 400, "wrong_type");
    assertThat(v.get("error").asText()).contains("'age' is a number column");
    v2(http.json("/v2/models/grades/infer", infer(tensor("age", "INT64", List.of(30, 41.5)), INCOME, GRADE)), 400,
        "wrong_type");
    v2(http.json("/v2/models/grades/infer", infer(AGE, INCOME, tensor("grade", "COMPLEX", List.of(1, 2)))), 400,
        "wrong_type");
  }

  @Test
  void aWholeNumberInputGivenAFractionThroughMlflowIsABadRequestNotAFailure() {
    Http.Reply r = http.json("/invocations", "{\"inputs\": {\"age\": [30.5], \"income\": [2.0], \"grade\": [\"A\"]}}");
    JsonNode m = mlflow(r, 400, "BAD_REQUEST", "wrong_type");
    assertThat(m.get("message").asText()).contains("input 'age' takes whole numbers");
  }

  @Test
  void aShapeThatDoesNotFitIsRefused() {
    v2(http.json("/v2/models/grades/infer", infer(AGE, INCOME, Map.of("name", "grade", "datatype", "BYTES", "shape",
        List.of(3), "data", List.of("A", "B")))), 400, "wrong_shape");
    v2(http.json("/v2/models/grades/infer", infer(AGE, INCOME, tensor("grade", "BYTES", List.of("A")))), 400,
        "wrong_shape");
    v2(http.json("/v2/models/grades/infer", infer(AGE, INCOME, Map.of("name", "grade", "datatype", "BYTES", "shape",
        List.of(2, 2), "data", List.of("A", "B", "C", "D")))), 400, "wrong_shape");
    JsonNode m = mlflow(http.json("/invocations", "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"grade\"], "
        + "\"data\": [[30, 1.5]]}}"), 400, "BAD_REQUEST", "wrong_shape");
    assertThat(m.get("message").asText()).contains("row 1 must be a list of 3 values");
    mlflow(http.post("/invocations", "text/csv", "age,income,grade\n30,1.5\n"), 400, "BAD_REQUEST", "wrong_shape");
  }

  @Test
  void aBodyThatIsNotTheProtocolsShapeIsMalformed() {
    v2(http.json("/v2/models/grades/infer", "{\"inputs\": [1, 2"), 400, "malformed");
    v2(http.json("/v2/models/grades/infer", "[]"), 400, "malformed");
    v2(http.json("/v2/models/grades/infer", "{\"data\": []}"), 400, "malformed");
    mlflow(http.json("/invocations", "{\"dataframe_split\": {}, \"inputs\": {}}"), 400, "BAD_REQUEST", "malformed");
    mlflow(http.json("/invocations", "{\"rows\": []}"), 400, "BAD_REQUEST", "malformed");
    mlflow(http.json("/invocations", ""), 400, "BAD_REQUEST", "malformed");
    mlflow(http.json("/invocations", "{\"inputs\": {}, \"params\": {\"predict\": \"logits\"}}"), 400, "BAD_REQUEST",
        "malformed");
  }

  @Test
  void pastThePayloadOrBatchLimitIs413() {
    mlflow(http.json("/invocations", "{\"inputs\": {\"age\": [" + "1,".repeat(3000) + "1]}}"), 413,
        "REQUEST_LIMIT_EXCEEDED", "too_large");
    List<Object> six = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
    JsonNode b = v2(http.json("/v2/models/grades/infer", infer(tensor("age", "INT64", six))), 413, "too_large");
    assertThat(b.get("error").asText()).contains("6 rows").contains("at most 5");
    mlflow(http.post("/invocations", "text/csv", "age,income,grade\n" + "1,2,A\n".repeat(6)), 413,
        "REQUEST_LIMIT_EXCEEDED", "too_large");
  }

  @Test
  void anUnknownModelVersionOrPathIs404() {
    JsonNode b = v2(http.json("/v2/models/nope/infer", infer(AGE, INCOME, GRADE)), 404, "not_found");
    assertThat(b.get("error").asText()).contains("no model 'nope'").contains("grades");
    v2(http.json("/v2/models/grades/versions/9/infer", infer(AGE, INCOME, GRADE)), 404, "not_found");
    v2(http.json("/v2/models/grades/versions/latest/infer", infer(AGE, INCOME, GRADE)), 404, "not_found");
    v2(http.get("/v2/models/nope"), 404, "not_found");
    v2(http.get("/v2/nothing/here"), 404, "not_found");
    mlflow(http.get("/score"), 404, "ENDPOINT_NOT_FOUND", "not_found");
  }

  @Test
  void aMethodAPathDoesNotTakeIs405() {
    mlflow(http.get("/invocations"), 405, "BAD_REQUEST", "method_not_allowed");
    v2(http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v2/models/grades/infer")).DELETE()), 405,
        "method_not_allowed");
  }

  @Test
  void aMediaTypeTheProtocolDoesNotTakeIs415() {
    mlflow(http.post("/invocations", "text/plain", "age\n1\n"), 415, "BAD_REQUEST", "unsupported_media_type");
    mlflow(http.post("/invocations", null, "{}"), 415, "BAD_REQUEST", "unsupported_media_type");
    v2(http.post("/v2/models/grades/infer", "text/csv", "age\n1\n"), 415, "unsupported_media_type");
  }

  @Test
  void badRequestsStillNameTheVersionThatWasAsked() {
    Http.Reply r = http.json("/v2/models/grades/infer", infer(AGE));
    assertThat(r.header("X-Kiln-Model")).isEqualTo("grades");
    assertThat(r.header("X-Kiln-Model-Version")).isEqualTo("2");
    assertThat(r.header("X-Request-Id")).isNotBlank();
  }
}
