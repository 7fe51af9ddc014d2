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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends — any method, path, headers and body, near-valid requests with one
 * part broken, plain garbage — a started gateway answers 2xx or 4xx, and every 4xx carries a
 * JSON error body: no 500, no stack trace, no HTML page.
 */
class ArbitraryRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PREFIXES = List.of("", "/", "/v2", "/v2/", "/v2/health/ready", "/v2/models/",
      "/v2/models/grades", "/v2/models/grades/infer", "/v2/models/grades/versions/2/infer",
      "/v2/models/grades/versions/", "/invocations", "/ping", "/health", "/version", "/metrics", "/v2/models/grades/ready",
      "/feedback");
  private static final List<String> WORDS = List.of("inputs", "outputs", "name", "shape", "datatype", "data", "id",
      "parameters", "dataframe_split", "dataframe_records", "instances", "columns", "params", "predict", "age", "income",
      "grade", "BYTES", "FP64", "INT64", "BOOL", "probabilities", "classes", "", "\u00e9\u00e8", "\u0000", "labels",
      "label", "key", "row", "0", "1");
  private static Gateway gateway;
  private static Path dir;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("kiln-arbitrary");
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0).withLimits(new Limits(64 * 1024, 50)), m -> { });
    gateway.deploy(TestBundles.onnxColumns(dir, "grades", 2));
  }

  @AfterContainer
  static void stop() throws Exception {
    gateway.close();
    dev.kiln.core.artifact.ArtifactStore.deleteRecursively(dir);
  }

  @Property(tries = 400)
  void anyRequestIsAnsweredWithoutAServerError(@ForAll("methods") String method, @ForAll("paths") String path,
      @ForAll("headers") Map<String, String> headers, @ForAll("bodies") byte[] body) {
    RawHttp.Answer a = RawHttp.send(gateway.port(), method, path, headers, body);
    assertClientOrSuccess(a, method);
  }

  @Property(tries = 400)
  void aNearValidRequestWithOnePartBrokenIsAnsweredWithoutAServerError(@ForAll long seed,
      @ForAll("inferPaths") String path) throws Exception {
    Random r = new Random(seed);
    Object valid = path.contains("infer") ? validInfer() : path.equals("/feedback") ? validFeedback(r) : validMlflow(r);
    Object body = mutate(JSON.readValue(JSON.writeValueAsString(valid), Object.class), r);
    RawHttp.Answer a = RawHttp.send(gateway.port(), "POST", path, Map.of("Content-Type", "application/json"),
        JSON.writeValueAsBytes(body));
    assertClientOrSuccess(a, "POST");
  }

  private static void assertClientOrSuccess(RawHttp.Answer a, String method) {
    assertThat(a.status()).as("%s %s", a.headers(), a.body()).isBetween(200, 499);
    assertThat(a.body()).doesNotContain("at dev.kiln").doesNotContain("at org.eclipse").doesNotContain("<html");
    if (a.status() >= 400 && !method.equals("HEAD")) {
      JsonNode b;
      try {
        b = JSON.readTree(a.body());
      } catch (Exception e) {
        throw new AssertionError("a " + a.status() + " without a JSON body: " + a.body(), e);
      }
      assertThat(b.has("error") || b.has("message")).as("%d %s", a.status(), a.body()).isTrue();
    }
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8));
  }

  @Provide
  Arbitrary<String> inferPaths() {
    return Arbitraries.of("/v2/models/grades/infer", "/v2/models/grades/versions/2/infer", "/invocations", "/feedback");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('!', '~').excludeChars('#', '?', '%').ofMaxLength(12),
        Arbitraries.of("%2F", "%00", "%zz", "%", "..", ".", "%E9", "%C3%A9", "//", "versions", "infer", "ready"));
    Arbitrary<String> query = Arbitraries.strings().withCharRange('!', '~').excludeChars('#').ofMaxLength(16)
        .map(q -> "?" + q);
    return Combinators.combine(Arbitraries.of(PREFIXES), segment.list().ofMaxSize(3),
        Arbitraries.oneOf(query, Arbitraries.just(""))).as((p, s, q) -> {
          String path = p + (s.isEmpty() ? "" : "/" + String.join("/", s)) + q;
          return path.startsWith("/") ? path : "/" + path;
        });
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("Content-Type", "X-Request-Id", "Accept",
        "Accept-Encoding", "Expect", "Transfer-Encoding", "Content-Encoding"),
        Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(12));
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("application/json", "text/csv", "application/json; "
        + "charset=utf-8", "text/plain", "*/*", "gzip", "100-continue", "identity", ""),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).map(String::trim));
    return Arbitraries.maps(names, values).ofMaxSize(4).map(m -> {
      Map<String, String> h = new LinkedHashMap<>(m);
      h.remove("Transfer-Encoding");
      h.remove("Expect");
      return h;
    });
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
        Arbitraries.strings().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.longs().map(seed -> json(randomJson(new Random(seed), 0))),
        Arbitraries.just(new byte[0]));
  }

  private static byte[] json(Object v) {
    try {
      return JSON.writeValueAsBytes(v);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object randomJson(Random r, int depth) {
    int kind = depth > 3 ? r.nextInt(5) : r.nextInt(7);
    return switch (kind) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextInt(3) == 0 ? r.nextLong() : r.nextDouble() * 1e6 - 5e5;
      case 3 -> WORDS.get(r.nextInt(WORDS.size()));
      case 4 -> r.nextInt(1000);
      case 5 -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(randomJson(r, depth + 1));
        }
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put(WORDS.get(r.nextInt(WORDS.size())), randomJson(r, depth + 1));
        }
        yield m;
      }
    };
  }

  private static Map<String, Object> validInfer() {
    List<Object> inputs = new ArrayList<>();
    inputs.add(new LinkedHashMap<>(Map.of("name", "age", "datatype", "INT64", "shape", List.of(2), "data", List.of(30, 41))));
    inputs.add(new LinkedHashMap<>(Map.of("name", "income", "datatype", "FP32", "shape", List.of(2), "data",
        List.of(20.5, 60.0))));
    inputs.add(new LinkedHashMap<>(Map.of("name", "grade", "datatype", "BYTES", "shape", List.of(2, 1), "data",
        List.of(List.of("A"), List.of("C")))));
    return new LinkedHashMap<>(Map.of("id", "x", "inputs", inputs));
  }

  /** Labels for a prediction this gateway answered, one never seen, and a batch row. */
  private static Map<String, Object> validFeedback(Random r) {
    String id = RawHttp.send(gateway.port(), "POST", "/invocations", Map.of("Content-Type", "application/json"),
        "{\"dataframe_records\": [{\"age\": 30, \"income\": 20.5, \"grade\": \"A\"}]}".getBytes(
            StandardCharsets.UTF_8)).headers().get("x-request-id");
    List<Object> labels = new ArrayList<>();
    labels.add(new LinkedHashMap<>(Map.of("id", id == null ? "x" : id, "label", r.nextInt(2))));
    labels.add(new LinkedHashMap<>(Map.of("id", "never-seen", "label", "1")));
    labels.add(new LinkedHashMap<>(Map.of("id", "batch", "row", 2, "label", 0)));
    return new LinkedHashMap<>(Map.of("labels", labels));
  }

  private static Map<String, Object> validMlflow(Random r) {
    List<Object> row = new ArrayList<>(List.of(30, 20.5, "A"));
    Map<String, Object> split = new LinkedHashMap<>(Map.of("columns", new ArrayList<>(List.of("age", "income", "grade")),
        "data", new ArrayList<>(List.of(row))));
    return switch (r.nextInt(3)) {
      case 0 -> new LinkedHashMap<>(Map.of("dataframe_split", split));
      case 1 -> new LinkedHashMap<>(Map.of("dataframe_records", new ArrayList<>(List.of(new LinkedHashMap<>(
          Map.of("age", 30, "income", 20.5, "grade", "A"))))));
      default -> new LinkedHashMap<>(Map.of("inputs", new LinkedHashMap<>(Map.of("age", new ArrayList<>(List.of(30)),
          "income", new ArrayList<>(List.of(20.5)), "grade", new ArrayList<>(List.of("A")))), "params",
          new LinkedHashMap<>(Map.of("predict", "probabilities"))));
    };
  }

  /** Replaces one value somewhere in the tree with a random one (or deletes it). */
  @SuppressWarnings("unchecked")
  private static Object mutate(Object tree, Random r) {
    Object node = tree;
    for (int depth = 0; depth < 6; depth++) {
      if (node instanceof Map<?, ?> m && !m.isEmpty()) {
        Map<String, Object> map = (Map<String, Object>) m;
        String key = new ArrayList<>(map.keySet()).get(r.nextInt(map.size()));
        if (r.nextInt(3) == 0 || !(map.get(key) instanceof Map || map.get(key) instanceof List)) {
          if (r.nextInt(4) == 0) {
            map.remove(key);
          } else {
            map.put(key, randomJson(r, 2));
          }
          return tree;
        }
        node = map.get(key);
      } else if (node instanceof List<?> l && !l.isEmpty()) {
        List<Object> list = (List<Object>) l;
        int i = r.nextInt(list.size());
        if (r.nextInt(3) == 0 || !(list.get(i) instanceof Map || list.get(i) instanceof List)) {
          list.set(i, randomJson(r, 2));
          return tree;
        }
        node = list.get(i);
      } else {
        return tree;
      }
    }
    return tree;
  }
}
