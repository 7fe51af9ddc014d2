package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.TestClock;
import dev.kiln.data.check.Suite;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.requestlog.RequestLog;
import dev.kiln.serve.requestlog.RequestLogOptions;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.route.VersionLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log: rotating, size-capped JSON Lines with redacted columns, which DuckDB and kiln validate read. */
class RequestLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedVersion version;
  private static Path root;
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeAll
  static void load(@TempDir Path dir) throws Exception {
    root = dir;
    version = new VersionLoader(Batching.OFF).load(MonitorFixtures.bundle(dir, "credit", 1,
        MonitorFixtures.rows(3000, 1, 0, false)));
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private void write(RequestLog log, int requests, int rowsEach) {
    for (int i = 0; i < requests; i++) {
      Columns c = MonitorFixtures.columns(MonitorFixtures.rows(rowsEach, i, 0, false));
      Predictions p = version.predict(c);
      log.record("req-" + i, version, c, p);
    }
  }

  @Test
  void filesRotateAtTheirSizeCapAndTheOldestAreDeleted() throws Exception {
    Path dir = root.resolve("rotate");
    RequestLog log = RequestLog.start(RequestLogOptions.into(dir).withSample(1.0).withFiles(2048, 3), clock, 0.5);
    write(log, 200, 5);
    log.close();
    List<Path> files = files(dir);
    assertThat(files).hasSize(3);
    long total = 0;
    for (Path f : files) {
      assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(2048);
      total += Files.readAllLines(f).size();
    }
    int highest = Integer.parseInt(files.get(2).getFileName().toString().replaceAll("\\D", ""));
    assertThat(highest).as("1,000 rows of ~150 bytes need far more than 3 files of 2 KiB").isGreaterThan(50);
    assertThat(files.get(0).getFileName().toString()).isEqualTo(String.format("requests-%06d.jsonl", highest - 2));
    assertThat(total).isLessThan(1000);
    assertThat(log.logged()).isEqualTo(200);
  }

  @Test
  void redactedColumnsAreKeptWithNullValuesAndEveryRowCarriesItsPrediction() throws Exception {
    Path dir = root.resolve("redact");
    RequestLog log = RequestLog.start(RequestLogOptions.into(dir).withSample(1.0).withRedact(Set.of("income")), clock,
        0.5);
    write(log, 10, 3);
    log.close();
    List<String> lines = Files.readAllLines(files(dir).get(0));
    assertThat(lines).hasSize(30);
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      assertThat(row.has("income")).isTrue();
      assertThat(row.get("income").isNull()).isTrue();
      assertThat(row.get("age").isNumber()).isTrue();
      assertThat(row.get("grade").isTextual()).isTrue();
      assertThat(row.get("kiln_prediction").asText()).isIn("0", "1");
      assertThat(row.get("kiln_score").asDouble()).isBetween(0.0, 1.0);
      assertThat(row.get("kiln_model").asText()).isEqualTo("credit");
      assertThat(row.get("kiln_request_id").asText()).startsWith("req-");
      assertThat(row.get("kiln_time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }
  }

  @Test
  void aLogFileIsReadByDuckdbsReadJsonAndValidatedAgainstTheReferenceProfile() throws Exception {
    Path dir = root.resolve("validate");
    RequestLog log = RequestLog.start(RequestLogOptions.into(dir).withSample(1.0), clock, 0.5);
    write(log, 100, 4);
    log.close();
    Path file = files(dir).get(0);
    try (DataSource ds = DataSource.open(file.toString(), ReadOptions.DEFAULT);
        Statement s = ds.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT kiln_request_id), min(age) FROM read_json('"
            + file + "', format = 'newline_delimited')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(400);
      assertThat(rs.getLong(2)).isEqualTo(100);
      assertThat(rs.getDouble(3)).isGreaterThanOrEqualTo(18);
    }
    Validation v = new Validator(root).validate(file.toString(), Suite.empty("(none)"),
        Optional.of(new Baseline.SavedProfile(root.resolve("credit-1").resolve("reference-profile.json"))));
    assertThat(v.rows()).isEqualTo(400);
    assertThat(v.drift().orElseThrow().columns()).extracting(r -> r.column())
        .containsExactlyInAnyOrder("age", "income", "grade");
    assertThat(v.drift().orElseThrow().driftedCount()).as("traffic drawn like the reference").isZero();
  }

  @Test
  void aFullQueueDropsAndCountsWhatItDropped() throws Exception {
    Path dir = root.resolve("drop");
    RequestLog log = RequestLog.start(RequestLogOptions.into(dir).withSample(1.0).withQueue(1), clock, 0.5);
    write(log, 2000, 1);
    log.close();
    assertThat(log.logged() + log.dropped()).isEqualTo(2000);
    assertThat(Files.readAllLines(files(dir).get(0))).hasSize((int) log.logged());
  }

  @Test
  void aSampleLogsAboutItsShareOfRequests() throws Exception {
    Path dir = root.resolve("sample");
    RequestLog log = RequestLog.start(RequestLogOptions.into(dir).withSample(0.1), clock, 0.5);
    write(log, 2000, 1);
    log.close();
    assertThat(log.logged() + log.dropped()).isBetween(120L, 280L);
  }
}
