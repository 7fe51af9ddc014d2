package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.core.TestClock;
import dev.kiln.serve.feedback.FeedbackOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How labels meet predictions: request ids, batch rows, key columns, unknown and repeated labels, a bounded journal. */
class FeedbackTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Map<String, Object> ROW = Map.of("age", 30, "income", 20.5, "grade", "A");

  private static Gateway start(Path dir, TestClock clock, FeedbackOptions f) throws Exception {
    Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0).withFeedback(f), clock, m -> { });
    g.deploy(TestBundles.onnxColumns(dir, "grades", 2));
    return g;
  }

  private static String predict(Http http, int rows) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      records.add(ROW);
    }
    Http.Reply r = http.json("/invocations", Http.json(Map.of("dataframe_records", records)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.header("X-Request-Id");
  }

  private static JsonNode label(Http http, Object... idAndLabel) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < idAndLabel.length; i += 2) {
      items.add(Map.of("id", idAndLabel[i], "label", idAndLabel[i + 1]));
    }
    Http.Reply r = http.json("/feedback", Http.json(Map.of("labels", items)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void assertReceipt(JsonNode r, int accepted, int unknown, int duplicate) {
    assertThat(r.get("accepted").asInt()).as(r.toString()).isEqualTo(accepted);
    assertThat(r.get("unknown").asInt()).as(r.toString()).isEqualTo(unknown);
    assertThat(r.get("duplicate").asInt()).as(r.toString()).isEqualTo(duplicate);
  }

  @Test
  void aClientsRequestIdIsKeptAndAnsweredAndItsLabelIsAccepted(@TempDir Path dir) throws Exception {
    try (Gateway g = start(dir, new TestClock(T0), FeedbackOptions.DEFAULT)) {
      Http http = new Http(g.url());
      Http.Reply r = http.send(HttpRequest.newBuilder(URI.create(g.url().replace("0.0.0.0", "127.0.0.1")
          + "/invocations")).header("Content-Type", "application/json").header("X-Request-Id", "loan-17")
          .POST(HttpRequest.BodyPublishers.ofString(Http.json(Map.of("dataframe_records", List.of(ROW))))));
      assertThat(r.header("X-Request-Id")).isEqualTo("loan-17");
      assertReceipt(label(http, "loan-17", 1), 1, 0, 0);
      assertThat(http.get("/feedback").json().get("versions").get(0).get("cumulative").get("labels").asInt()).isEqualTo(1);
    }
  }

  @Test
  void unknownIdsAreCountedNotFailedAndRepeatedLabelsAreCountedOnce(@TempDir Path dir) throws Exception {
    try (Gateway g = start(dir, new TestClock(T0), FeedbackOptions.DEFAULT)) {
      Http http = new Http(g.url());
      String a = predict(http, 1);
      String b = predict(http, 1);
      assertReceipt(label(http, a, 1, "never-answered", 0, a, 0), 1, 1, 1);
      assertReceipt(label(http, a, 1, b, 0), 1, 0, 1);
      JsonNode s = http.get("/feedback").json();
      assertReceipt(s.get("labels"), 2, 1, 2);
      JsonNode v = s.get("versions").get(0).get("cumulative");
      assertThat(v.get("labels").asInt()).isEqualTo(2);
      assertThat(v.get("metrics").get("count").asInt()).isEqualTo(2);
    }
  }

  @Test
  void batchRowsAreAddressedByIdAndRowOrAsIdHashRow(@TempDir Path dir) throws Exception {
    try (Gateway g = start(dir, new TestClock(T0), FeedbackOptions.DEFAULT)) {
      Http http = new Http(g.url());
      String id = predict(http, 4);
      Http.Reply r = http.json("/feedback", Http.json(Map.of("labels", List.of(Map.of("id", id, "row", 0, "label", 1),
          Map.of("id", id + "#1", "label", 0), Map.of("id", id, "row", 3, "label", "1"), Map.of("id", id + "#3",
              "label", 1), Map.of("id", id, "row", 4, "label", 1), Map.of("id", id, "label", 1)))));
      assertReceipt(r.json(), 3, 2, 1);
    }
  }

  @Test
  void aKeyColumnMatchesRowsByItsValueAndIsRequiredInEveryRequest(@TempDir Path dir) throws Exception {
    try (Gateway g = start(dir, new TestClock(T0), FeedbackOptions.DEFAULT.withKeyColumn("loan_id"))) {
      Http http = new Http(g.url());
      Http.Reply ok = http.json("/invocations", Http.json(Map.of("dataframe_split", Map.of("columns",
          List.of("loan_id", "age", "income", "grade"), "data", List.of(List.of("L1", 30, 20.5, "A"),
              List.of("L2", 52, 80.0, "C"), List.of(3, 41, 55.0, "B"))))));
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      Http.Reply r = http.json("/feedback", "{\"key\": \"loan_id\", \"labels\": [{\"key\": \"L2\", \"label\": 0},"
          + " {\"key\": 3, \"label\": 1}, {\"key\": \"L9\", \"label\": 1}, {\"key\": \"L2\", \"label\": 1}]}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertReceipt(r.json(), 2, 1, 1);
      Http.Reply missing = http.json("/invocations", Http.json(Map.of("dataframe_records", List.of(ROW))));
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().get("column").asText()).isEqualTo("loan_id");
      Http.Reply byId = http.json("/feedback", "{\"labels\": [{\"id\": \"abc\", \"label\": 1}]}");
      assertThat(byId.status()).isEqualTo(400);
      assertThat(byId.json().get("message").asText()).contains("key column");
      assertThat(http.json("/feedback", "{\"key\": \"other\", \"labels\": []}").status()).isEqualTo(400);
    }
  }

  @Test
  void theJournalStaysBoundedByCountAndByAgeAndCountsWhatItEvicts(@TempDir Path dir) throws Exception {
    TestClock clock = new TestClock(T0);
    try (Gateway g = start(dir, clock, FeedbackOptions.DEFAULT.withJournal(10, Duration.ofMinutes(30)))) {
      Http http = new Http(g.url());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        ids.add(predict(http, 1));
      }
      JsonNode j = http.get("/feedback").json().get("journal");
      assertThat(j.get("entries").asInt()).isEqualTo(10);
      assertThat(j.get("capacity").asInt()).isEqualTo(10);
      assertThat(j.get("evicted_by_count").asInt()).isEqualTo(15);
      assertReceipt(label(http, ids.get(0), 1, ids.get(24), 1), 1, 1, 0);
      clock.advance(Duration.ofMinutes(31));
      assertReceipt(label(http, ids.get(23), 1), 0, 1, 0);
      j = http.get("/feedback").json().get("journal");
      assertThat(j.get("entries").asInt()).isZero();
      assertThat(j.get("evicted_by_age").asInt()).isEqualTo(10);
      for (int i = 0; i < 1000; i++) {
        predict(http, 3);
      }
      assertThat(http.get("/feedback").json().get("journal").get("entries").asInt()).isEqualTo(10);
    }
  }

  @Test
  void windowsFollowLabelArrivalTimeAndOnlyWindowsWithLabelsAreEmitted(@TempDir Path dir) throws Exception {
    TestClock clock = new TestClock(T0.plus(Duration.ofMinutes(50)));
    try (Gateway g = start(dir, clock, FeedbackOptions.DEFAULT.withWindow(Duration.ofHours(1)))) {
      List<dev.kiln.serve.feedback.AccuracyWindow> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
      g.feedback().listen(closed::add);
      Http http = new Http(g.url());
      String a = predict(http, 1);
      String b = predict(http, 1);
      String c = predict(http, 1);
      label(http, a, 1);
      clock.advance(Duration.ofMinutes(20));
      label(http, b, 0, c, 1);
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0).start()).isEqualTo(T0);
      assertThat(closed.get(0).labels()).isEqualTo(1);
      clock.advance(Duration.ofHours(5));
      g.feedback().tick();
      g.feedback().tick();
      assertThat(closed).hasSize(2);
      assertThat(closed.get(1).start()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(closed.get(1).labels()).isEqualTo(2);
      assertThat(g.feedback().cumulative("grades", 2).orElseThrow().labels()).isEqualTo(3);
      JsonNode v = http.get("/feedback").json().get("versions").get(0);
      assertThat(v.has("window")).isFalse();
      assertThat(v.get("last_window").get("start").asText()).isEqualTo(T0.plus(Duration.ofHours(1)).toString());
      assertThat(v.get("last_window").get("labels").asInt()).isEqualTo(2);
    }
  }
}
