package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.serve.input.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever feedback body a client sends — labels of any type for ids known, unknown and repeated,
 * items of any shape — the gateway answers 200 with counts that add up to the labels sent, or a
 * 4xx with a JSON error; never a 500.
 */
class ArbitraryFeedbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("id", "row", "label", "key", "labels", "x");
  private static Gateway gateway;
  private static Path dir;
  private static final List<String> ids = new ArrayList<>();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("kiln-arbitrary-feedback");
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0).withLimits(new Limits(64 * 1024, 50)), m -> { });
    gateway.deploy(TestBundles.onnxColumns(dir, "grades", 2));
    for (int i = 0; i < 20; i++) {
      RawHttp.Answer a = RawHttp.send(gateway.port(), "POST", "/invocations", Map.of("Content-Type",
          "application/json"), ("{\"dataframe_records\": [{\"age\": 30, \"income\": 20.5, \"grade\": \"A\"}"
              + (i % 2 == 0 ? "" : ", {\"age\": 41, \"income\": 60, \"grade\": \"C\"}") + "]}")
              .getBytes(StandardCharsets.UTF_8));
      ids.add(a.headers().get("x-request-id"));
    }
  }

  @AfterContainer
  static void stop() throws Exception {
    gateway.close();
    dev.kiln.core.artifact.ArtifactStore.deleteRecursively(dir);
  }

  @Property(tries = 300)
  void anyFeedbackBodyIsCountedOrRefusedWithAClientError(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    List<Object> labels = new ArrayList<>();
    for (int i = r.nextInt(8); i > 0; i--) {
      labels.add(r.nextInt(6) == 0 ? value(r, 0) : item(r));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("labels", r.nextInt(10) == 0 ? value(r, 0) : labels);
    if (r.nextInt(8) == 0) {
      body.put("key", value(r, 1));
    }
    RawHttp.Answer a = RawHttp.send(gateway.port(), "POST", "/feedback", Map.of("Content-Type", "application/json"),
        JSON.writeValueAsBytes(body));
    assertThat(a.status()).as(a.body()).isIn(200, 400, 413);
    JsonNode b = JSON.readTree(a.body());
    if (a.status() == 200) {
      assertThat(b.get("accepted").asInt() + b.get("unknown").asInt() + b.get("duplicate").asInt())
          .isEqualTo(labels.size());
    } else {
      assertThat(b.get("message").asText()).isNotBlank().doesNotContain("at dev.kiln");
    }
  }

  private static Map<String, Object> item(Random r) {
    Map<String, Object> m = new LinkedHashMap<>();
    String id = ids.get(r.nextInt(ids.size()));
    switch (r.nextInt(4)) {
      case 0 -> m.put("id", id);
      case 1 -> m.put("id", id + "#" + r.nextInt(3));
      case 2 -> {
        m.put("id", id);
        m.put("row", r.nextInt(3) == 0 ? value(r, 1) : r.nextInt(3));
      }
      default -> m.put(FIELDS.get(r.nextInt(FIELDS.size())), value(r, 1));
    }
    m.put("label", r.nextInt(3) == 0 ? value(r, 1) : r.nextInt(2));
    if (r.nextInt(6) == 0) {
      m.remove(new ArrayList<>(m.keySet()).get(r.nextInt(m.size())));
    }
    return m;
  }

  private static Object value(Random r, int depth) {
    return switch (depth > 2 ? r.nextInt(6) : r.nextInt(8)) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextDouble() * 10 - 5;
      case 3 -> r.nextInt(4) - 1;
      case 4 -> List.of("0", "1", "", "yes", "#", "\u0000").get(r.nextInt(6));
      case 5 -> Long.MAX_VALUE;
      case 6 -> {
        List<Object> l = new ArrayList<>();
        l.add(value(r, depth + 1));
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(FIELDS.get(r.nextInt(FIELDS.size())), value(r, depth + 1));
        yield m;
      }
    };
  }
}
