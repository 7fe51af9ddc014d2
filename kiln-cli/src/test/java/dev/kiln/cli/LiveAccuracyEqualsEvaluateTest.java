package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.TestClock;
import dev.kiln.serve.Gateway;
import dev.kiln.serve.GatewayOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telco test rows sent through a gateway for a model kiln train made — single rows and
 * batches — and their churn labels posted hours later, shuffled, in bodies of 100: the live
 * accuracy, AUC and log loss equal what kiln evaluate reports on the same rows, to 1e-9.
 */
class LiveAccuracyEqualsEvaluateTest {
  private static final Path TELCO = Path.of("../kiln-model/src/test/resources/datasets/telco_churn.csv")
      .toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void liveMetricsOfTelcoTrafficEqualKilnEvaluateOnTheSameRows(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(TELCO);
    List<String> train = new ArrayList<>(List.of(lines.get(0)));
    List<String> test = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      (i % 5 == 0 ? test : train).add(lines.get(i));
    }
    TestProject p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n").file("train.csv", String.join("\n", train) + "\n")
        .file("test.csv", String.join("\n", test) + "\n");
    String model = dir.resolve("model").toString();
    ok(p.kiln("train", dir.resolve("train.csv").toString(), "--label", "churn", "--algorithm", "logistic-regression",
        "--out", model));
    ok(p.kiln("models", "register", model, "--name", "telco"));
    ok(p.kiln("package", "telco:1", "--bundle", dir.resolve("bundle").toString()));
    TestProject.Result evaluated = p.kiln("evaluate", model, dir.resolve("test.csv").toString(), "--label", "churn",
        "--json", "--no-latency", "--out", dir.resolve("evaluation").toString());
    ok(evaluated);
    JsonNode offline = JSON.readTree(evaluated.out()).get("metrics");

    TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), clock, m -> { })) {
      g.deploy(dir.resolve("bundle"));
      List<String> header = cells(test.get(0)).stream().map(c -> (String) value(c)).toList();
      List<List<Object>> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (String line : test.subList(1, test.size())) {
        List<String> c = cells(line);
        List<Object> row = new ArrayList<>();
        for (int k = 0; k < header.size(); k++) {
          if (!header.get(k).equals("churn")) {
            row.add(value(c.get(k)));
          }
        }
        rows.add(row);
        labels.add((String) value(c.get(header.indexOf("churn"))));
      }
      List<String> columns = new ArrayList<>(header);
      columns.remove("churn");
      List<Map<String, Object>> items = sendAll(g.url(), columns, rows, labels);
      clock.advance(Duration.ofHours(6));
      Collections.shuffle(items, new Random(3));
      long accepted = 0;
      for (int from = 0; from < items.size(); from += 100) {
        JsonNode r = post(g.url() + "/feedback", Map.of("labels", items.subList(from, Math.min(items.size(),
            from + 100))));
        accepted += r.get("accepted").asLong();
      }
      assertThat(accepted).isEqualTo(rows.size());

      JsonNode live = get(g.url() + "/feedback").get("versions").get(0).get("cumulative").get("metrics");
      assertThat(live.get("count").asInt()).isEqualTo(rows.size());
      for (String m : List.of("accuracy", "auc", "log_loss", "brier", "average_precision", "f1", "precision",
          "recall", "balanced_accuracy")) {
        assertThat(live.get(m).asDouble()).as(m).isCloseTo(offline.get(m).asDouble(), within(1e-9));
      }
    }
  }

  /** Row i goes alone when i % 4 == 0, else in a batch of up to 50; the labels as /feedback items. */
  private List<Map<String, Object>> sendAll(String url, List<String> columns, List<List<Object>> rows,
      List<String> labels) throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    List<Integer> batch = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (i % 4 == 0) {
        String id = predict(url, columns, List.of(rows.get(i)));
        items.add(item(id, labels.get(i)));
      } else {
        batch.add(i);
      }
      if (batch.size() == 50 || (i == rows.size() - 1 && !batch.isEmpty())) {
        String id = predict(url, columns, batch.stream().map(rows::get).toList());
        for (int r = 0; r < batch.size(); r++) {
          items.add(item(id + "#" + r, labels.get(batch.get(r))));
        }
        batch.clear();
      }
    }
    return items;
  }

  private static Map<String, Object> item(String id, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("label", label);
    return m;
  }

  private String predict(String url, List<String> columns, List<List<Object>> rows) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/invocations"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            Map.of("dataframe_split", Map.of("columns", columns, "data", rows))))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("X-Request-Id").orElseThrow();
  }

  private JsonNode post(String url, Object body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode get(String url) throws Exception {
    return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The cells of a CSV line whose quoted values hold no commas (the telco file's). */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    for (String c : line.split(",", -1)) {
      out.add(c);
    }
    return out;
  }

  /** A quoted cell is text, an empty one missing, any other a number. */
  private static Object value(String cell) {
    if (cell.startsWith("\"")) {
      return cell.substring(1, cell.length() - 1);
    }
    return cell.isEmpty() ? null : Double.parseDouble(cell);
  }

  private static void ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }
}
