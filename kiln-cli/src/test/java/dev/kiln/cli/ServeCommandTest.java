package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln serve} as a user runs it — its own JVM, real HTTP on loopback — answers exactly what
 * {@code kiln evaluate --predictions} writes for the same rows, over both protocols, for an
 * XGBoost, a Tribuo and an ONNX model; and {@code --env} follows a promotion without a restart.
 */
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ONNX = Path.of("../kiln-model/src/test/resources/fixtures").toAbsolutePath().normalize();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private TestProject project() throws Exception {
    TestProject p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    StringBuilder sb = new StringBuilder("age,plan,group,churn\n");
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 240; i++) {
      int age = 18 + r.nextInt(60);
      String plan = i % 3 == 0 ? "basic" : "pro";
      boolean churn = (age < 40 ? 0.7 : 0.2) + (plan.equals("basic") ? 0.2 : 0) > r.nextDouble();
      sb.append(i % 17 == 0 ? "" : Integer.toString(age)).append(',').append(plan).append(',')
          .append(i % 2 == 0 ? "a" : "b").append(',').append(churn ? "yes" : "no").append('\n');
    }
    p.file("data.csv", sb.toString());
    return p;
  }

  private static void ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  @Test
  void bothProtocolsAnswerWhatEvaluateWritesForXgboostTribuoAndOnnx() throws Exception {
    TestProject p = project();
    ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--algorithm", "gradient-boosting",
        "--out", dir.resolve("gb").toString(), "-P", "trees=30"));
    ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--algorithm", "logistic-regression",
        "--out", dir.resolve("lr").toString()));
    Files.createDirectories(dir.resolve("onnx"));
    for (String f : List.of("model.onnx", "model.yaml")) {
      Files.copy(ONNX.resolve("onnx_columns").resolve(f), dir.resolve("onnx").resolve(f));
    }
    Files.copy(ONNX.resolve("onnx_columns_test.csv"), dir.resolve("grades.csv"));
    agree(p, "gb", "churn-gb", "data.csv", "churn", "xgboost");
    agree(p, "lr", "churn-lr", "data.csv", "churn", "tribuo");
    agree(p, "onnx", "grades", "grades.csv", "label", "onnx");
  }

  private void agree(TestProject p, String modelDir, String name, String data, String label, String platform)
      throws Exception {
    ok(p.kiln("models", "register", dir.resolve(modelDir).toString(), "--name", name));
    Path predictions = dir.resolve(name + ".predictions.csv");
    ok(p.kiln("evaluate", dir.resolve(modelDir).toString(), dir.resolve(data).toString(), "--label", label,
        "--no-latency", "--out", dir.resolve(name + "-eval").toString(), "--predictions", predictions.toString()));
    Process gateway = p.start("serve", name + ":1", "--port", "0");
    try {
      String url = awaitReady(gateway);
      JsonNode meta = get(url + "/v2/models/" + name);
      assertThat(meta.get("platform").asText()).isEqualTo(platform);
      Table rows = Table.read(dir.resolve(data), label, meta.get("inputs"));
      Table expected = Table.read(predictions);
      JsonNode v2 = post(url + "/v2/models/" + name + "/infer", JSON.writeValueAsString(Map.of("inputs", rows.tensors())));
      JsonNode split = post(url + "/invocations", JSON.writeValueAsString(Map.of("dataframe_split", rows.split(),
          "params", Map.of("predict", "probabilities"))));
      JsonNode classes = post(url + "/invocations", JSON.writeValueAsString(Map.of("dataframe_split", rows.split())));
      List<String> classNames = new ArrayList<>();
      v2.get("outputs").get(1).get("parameters").get("classes").forEach(c -> classNames.add(c.asText()));
      int k = classNames.size();
      for (int r = 0; r < rows.size(); r++) {
        String predicted = expected.cell(r, "predicted");
        assertThat(v2.get("outputs").get(0).get("data").get(r).asText()).as(name + " row " + r).isEqualTo(predicted);
        assertThat(classes.get("predictions").get(r).asText()).as(name + " row " + r).isEqualTo(predicted);
        for (int c = 0; c < k; c++) {
          double want = Double.parseDouble(expected.cell(r, "p_" + classNames.get(c)));
          assertThat(v2.get("outputs").get(1).get("data").get(r * k + c).asDouble()).isCloseTo(want, within(1e-6));
          assertThat(split.get("predictions").get(r).get(c).asDouble()).isCloseTo(want, within(1e-6));
        }
      }
    } finally {
      stop(gateway);
    }
  }

  @Test
  void envServesTheAliasOfItsNameAndFollowsAPromotionWithoutARestart() throws Exception {
    TestProject p = project();
    for (String trees : List.of("10", "20", "30")) {
      ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--out", dir.resolve("gb" + trees)
          .toString(), "-P", "trees=" + trees));
      ok(p.kiln("models", "register", dir.resolve("gb" + trees).toString(), "--name", "churn"));
    }
    p.pipeline("stages:\n  noop: {run: 'true'}\n  register:\n    needs: [noop]\n    uses: register\n"
        + "    with: {model: gb10/, name: churn, alias: staging}\n");
    ok(p.kiln("models", "promote", "churn", "1", "staging"));
    Process gateway = p.start("serve", "--env", "staging", "--port", "0", "--poll", "100ms");
    try {
      String url = awaitReady(gateway);
      String row = "{\"dataframe_records\": [{\"age\": 30, \"plan\": \"basic\", \"group\": \"a\"}]}";
      assertThat(version(url, row)).isEqualTo("1");
      ok(p.kiln("models", "promote", "churn", "2", "staging"));
      awaitVersion(url, row, "2");
      Path tampered = dir.resolve(".kiln/bundles/churn/3");
      writeTamperedBundle(tampered);
      ok(p.kiln("models", "promote", "churn", "3", "staging"));
      awaitLog(gateway, "refused churn:3");
      assertThat(version(url, row)).isEqualTo("2");
      assertThat(log(gateway)).contains("following churn in staging").contains("churn@staging moved to v2")
          .contains("still serving churn:2");
    } finally {
      stop(gateway);
    }
  }

  private static void writeTamperedBundle(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("model"));
    Files.writeString(dir.resolve("model/model.json"), "{}");
    Files.writeString(dir.resolve("bundle.json"), "{\"format\": 1}");
    Files.writeString(dir.resolve("MANIFEST.sha256"), "0".repeat(64) + "  model/model.json\n");
  }

  @Test
  void withoutSomethingToServeItIsAUsageError() throws Exception {
    TestProject p = project();
    TestProject.Result none = p.kiln("serve");
    assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("MODEL_REF, --env ENV or --bundle DIR");
    TestProject.Result noName = p.kiln("serve", "--env", "production", "--port", "0");
    assertThat(noName.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noName.err()).contains("no register stage").contains("--model NAME");
    TestProject.Result unknown = p.kiln("serve", "nope:1", "--port", "0");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("nope");
    TestProject.Result badPoll = p.kiln("serve", "--env", "staging", "--model", "m", "--poll", "often");
    assertThat(badPoll.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badPoll.err()).contains("invalid duration 'often'");
    TestProject.Result badWindow = p.kiln("serve", "--bundle", "b", "--port", "0", "--feedback-window", "0s");
    assertThat(badWindow.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badWindow.err()).contains("--feedback-window must be longer than 0");
    TestProject.Result badJournal = p.kiln("serve", "--bundle", "b", "--port", "0", "--feedback-journal", "0");
    assertThat(badJournal.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badJournal.err()).contains("at least one row");
  }

  @Test
  void badMonitoringAndRequestLogOptionsAreUsageErrorsThatSayWhatIsExpected() throws Exception {
    TestProject p = project();
    String[][] cases = {
        {"--log-requests", "logs", "--log-sample", "2", "the log sample is a share from 0 to 1"},
        {"--log-requests", "logs", "--log-max-size", "lots", "--log-max-size takes a size such as 64MB"},
        {"--log-requests", "logs", "--log-max-files", "0", "keeps 1 file or more"},
        {"--monitor-rows", "0", "at most 1 row or more"},
        {"--monitor-rows", "50", "--monitor-min-rows", "100", "minimum rows must lie between 1 and its maximum (50)"},
        {"--monitor-window", "soon", "--monitor-window: invalid duration 'soon'"}};
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("serve", "--bundle", "b", "--port", "0"));
      args.addAll(List.of(c).subList(0, c.length - 1));
      TestProject.Result r = p.kiln(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(String.join(" ", args)).contains(c[c.length - 1]);
    }
  }

  private String version(String url, String row) throws Exception {
    HttpResponse<String> r = send(url + "/invocations", row);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("X-Kiln-Model-Version").orElseThrow();
  }

  @Test
  void theEnvGatewayJudgesTheProjectsMonitorRulesAndRecordsTheirAlerts() throws Exception {
    TestProject p = project();
    ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--out", dir.resolve("gb").toString()));
    ok(p.kiln("models", "register", dir.resolve("gb").toString(), "--name", "churn"));
    ok(p.kiln("deploy", "churn:1", "--env", "staging"));
    p.pipeline("monitor:\n  environment: staging\n  window: 500ms\n  rules:\n"
        + "    - {name: always, latency: {p50_ms: \">= 0\"}, actions: [log]}\n"
        + "stages:\n  noop: {run: 'true'}\n");
    Process gateway = p.start("serve", "--env", "staging", "--port", "0", "--poll", "100ms");
    try {
      String url = awaitReady(gateway);
      assertThat(log(gateway)).contains("monitoring staging with 1 rule(s) of test's kiln.yaml (windows of 500ms)");
      String row = "{\"dataframe_records\": [{\"age\": 30, \"plan\": \"basic\", \"group\": \"a\"}]}";
      for (int i = 0; i < 20; i++) {
        post(url + "/invocations", row);
      }
      awaitLog(gateway, "monitor: alert 1: staging (churn:1): always on v1: p50_ms");
    } finally {
      stop(gateway);
    }
    TestProject.Result alerts = p.kiln("alerts", "--env", "staging", "--json");
    ok(alerts);
    assertThat(alerts.out()).contains("\"rule\" : \"always\"").contains("\"log\"");

    p.pipeline("monitor:\n  environment: staging\n  rules:\n    - {name: x, error-rate: \"> 0.1\", actions: [rollbak]}\n"
        + "stages:\n  noop: {run: 'true'}\n");
    TestProject.Result bad = p.kiln("serve", "--env", "staging", "--port", "0");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("kiln.yaml:6:48:").contains("unknown action 'rollbak' (did you mean 'rollback'?)");
  }

  private void awaitVersion(String url, String row, String want) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!version(url, row).equals(want)) {
      assertThat(System.nanoTime()).as("the gateway picks up the promotion").isLessThan(end);
      Thread.sleep(50);
    }
  }

  private final Map<Process, Path> logs = new LinkedHashMap<>();

  private String awaitReady(Process p) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      for (String line : log(p).split("\n")) {
        if (line.startsWith("kiln gateway ready on ")) {
          return line.substring("kiln gateway ready on ".length()).trim();
        }
      }
      assertThat(p.isAlive()).as(log(p)).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("not ready: " + log(p));
  }

  private void awaitLog(Process p, String text) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!log(p).contains(text)) {
      assertThat(System.nanoTime()).as(log(p)).isLessThan(end);
      Thread.sleep(50);
    }
  }

  /** The output file TestProject.start redirected the process to (the newest kiln-*.out). */
  private String log(Process p) throws Exception {
    Path f = logs.computeIfAbsent(p, k -> newestOut());
    return f == null ? "" : Files.readString(f);
  }

  private Path newestOut() {
    try (var s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().matches("kiln-\\d+\\.out"))
          .max(java.util.Comparator.comparing(f -> f.getFileName().toString())).orElse(null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void stop(Process p) throws Exception {
    p.destroy();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log(p)).isZero();
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> r = send(url, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A CSV file (no quoting), its columns by name; with a model's inputs, the rows as requests. */
  private record Table(List<String> header, List<String[]> rows, List<String> inputs, List<Boolean> numeric) {
    static Table read(Path csv) throws Exception {
      List<String> lines = Files.readAllLines(csv);
      List<String[]> rows = new ArrayList<>();
      lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).forEach(l -> rows.add(l.split(",", -1)));
      return new Table(List.of(lines.get(0).split(",")), rows, List.of(), List.of());
    }

    static Table read(Path csv, String label, JsonNode inputs) throws Exception {
      Table t = read(csv);
      List<String> names = new ArrayList<>();
      List<Boolean> numeric = new ArrayList<>();
      inputs.forEach(i -> {
        names.add(i.get("name").asText());
        numeric.add(i.get("datatype").asText().equals("FP64"));
      });
      assertThat(names).doesNotContain(label);
      return new Table(t.header, t.rows, names, numeric);
    }

    int size() {
      return rows.size();
    }

    String cell(int row, String column) {
      return rows.get(row)[header.indexOf(column)];
    }

    Object value(int row, int input) {
      String v = cell(row, inputs.get(input));
      return v.isEmpty() ? null : numeric.get(input) ? (Object) Double.parseDouble(v) : v;
    }

    List<Map<String, Object>> tensors() {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        List<Object> data = new ArrayList<>();
        for (int r = 0; r < size(); r++) {
          data.add(value(r, i));
        }
        out.add(Map.of("name", inputs.get(i), "datatype", numeric.get(i) ? "FP64" : "BYTES", "shape", List.of(size()),
            "data", data));
      }
      return out;
    }

    Map<String, Object> split() {
      List<List<Object>> data = new ArrayList<>();
      for (int r = 0; r < size(); r++) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
          row.add(value(r, i));
        }
        data.add(row);
      }
      return Map.of("columns", inputs, "data", data);
    }
  }
}
