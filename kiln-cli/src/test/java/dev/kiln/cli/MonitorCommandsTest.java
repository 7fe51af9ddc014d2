package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln alerts} and {@code kiln monitor report} over a store filled through the monitor's
 * ports as a gateway fills it: twelve 5-minute windows of production in the last hour, where
 * {@code tenure} drifts from the ninth window on, the predictions in the last two (half "yes"
 * where the reference has 30%), labels arrive for the last six, and one drift alert whose webhook
 * failed once before it went through.
 */
class MonitorCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WINDOWS = 12;

  @TempDir
  Path dir;
  private TestProject p;
  private Instant now;
  private long driftAlert;

  @BeforeEach
  void gatewayRecordedAnHourOfProduction() throws Exception {
    p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(dir), dir)) {
      for (int i = 0; i < WINDOWS; i++) {
        store.monitorWindows().record(window(i));
      }
      Instant at = end(10);
      driftAlert = store.alerts().raise("production", "input-drift", "churn", "3", at,
          "input-drift: 1 of 2 features drifted (50% >= 30%) for 2 windows", "{\"windows\":[9,10],\"share\":0.5}");
      store.alerts().action(driftAlert, "webhook", "failed", "HTTP 503, retrying in 1s", at.plusSeconds(1));
      store.alerts().action(driftAlert, "webhook", "ok", "HTTP 200 after 2 attempts", at.plusSeconds(2));
      store.alerts().action(driftAlert, "rollback", "ok", "production back on churn v2", at.plusSeconds(3));
      store.alerts().raise("production", "latency", "churn", "2", now.minus(Duration.ofDays(10)), "long ago", "{}");
      store.alerts().raise("staging", "errors", "churn", "4", now.minus(Duration.ofHours(2)),
          "errors: error rate 0.08 > 0.01", "not json");
    }
  }

  private Instant end(int i) {
    return now.minus(Duration.ofMinutes(5L * (WINDOWS - 1 - i)));
  }

  private MonitorWindow window(int i) {
    boolean tenure = i >= 8;
    List<FeatureDrift> features = List.of(
        new FeatureDrift("tenure", "wasserstein", tenure ? 0.2 + i / 100.0 : 0.02 + i / 1000.0, 0.1, tenure, 0.05, 300),
        new FeatureDrift("contract", "chisquare", 0.6, 0.05, false, Double.NaN, 300));
    FeatureDrift prediction = new FeatureDrift("prediction", "psi", i >= 10 ? 0.3 : 0.04, 0.25, i >= 10, i >= 10 ? 0.3 : 0.04,
        300);
    long labels = i >= 6 ? 50 + i : 0;
    Map<String, Double> accuracy = i >= 6 ? Map.of("accuracy", 0.9 - i / 100.0, "auc", 0.85 - i / 200.0) : Map.of();
    PredictionDistribution distribution = PredictionDistribution.of(List.of("no", "yes", "(other)"),
        new long[] {700, 300, 0}, i >= 10 ? new long[] {150, 150, 0} : new long[] {210, 90, 0});
    return new MonitorWindow("production", "churn", "3", end(i).minus(Duration.ofMinutes(5)), end(i), 300 + i, i % 4,
        1.0 + i / 10.0, 5.0 + i, features, Optional.of(prediction), labels, accuracy, Optional.of(distribution));
  }

  private static TestProject.Result ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private static void refused(TestProject.Result r, String says) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains(says).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void alertsListsTheLastSevenDaysNewestFirstWithEveryActionOnceAtItsLatestStatus() {
    String out = ok(p.kiln("alerts")).out();
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).startsWith("WHEN").contains("ENVIRONMENT").contains("RULE").contains("ACTIONS");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("production").contains("input-drift").contains("churn v3")
        .contains("webhook ok, rollback ok").contains("1 of 2 features drifted");
    assertThat(lines.get(2)).contains("staging").contains("errors").contains("-");
    assertThat(out).doesNotContain("long ago");
    assertThat(ok(p.kiln("alerts", "--since", "30d")).out()).contains("long ago");
    assertThat(ok(p.kiln("alerts", "--env", "production", "--since", "1m")).out()).startsWith("No alert in production since");
  }

  @Test
  void alertsJsonGivesEveryRecordOfEveryActionAndTheEvidenceForScripts() throws Exception {
    JsonNode all = JSON.readTree(ok(p.kiln("alerts", "--env", "production", "--json")).out());
    assertThat(all).hasSize(1);
    JsonNode a = all.get(0);
    assertThat(a.get("id").asLong()).isEqualTo(driftAlert);
    assertThat(a.get("rule").asText()).isEqualTo("input-drift");
    assertThat(a.get("version").asText()).isEqualTo("3");
    assertThat(Instant.parse(a.get("at").asText())).isEqualTo(end(10));
    assertThat(a.get("evidence").get("share").asDouble()).isEqualTo(0.5);
    assertThat(a.get("actions")).extracting(x -> x.get("action").asText() + " " + x.get("status").asText())
        .containsExactly("webhook failed", "webhook ok", "rollback ok");
    assertThat(a.get("actions").get(1).get("detail").asText()).isEqualTo("HTTP 200 after 2 attempts");
    JsonNode staging = JSON.readTree(ok(p.kiln("alerts", "--env", "staging", "--json")).out()).get(0);
    assertThat(staging.get("evidence").asText()).as("evidence that is not JSON is kept as text").isEqualTo("not json");
  }

  @Test
  void monitorReportJsonGivesDriftPerFeatureOverTimeLatencyErrorsLiveAccuracyAndTheAlerts() throws Exception {
    JsonNode r = JSON.readTree(ok(p.kiln("monitor", "report", "--env", "production", "--json")).out());
    assertThat(r.get("environment").asText()).isEqualTo("production");
    assertThat(r.get("windows").asInt()).isEqualTo(WINDOWS);
    assertThat(r.get("versions")).singleElement().satisfies(v -> {
      assertThat(v.get("version").asText()).isEqualTo("3");
      assertThat(v.get("windows").asInt()).isEqualTo(WINDOWS);
    });
    JsonNode tenure = r.get("features").get(0);
    assertThat(tenure.get("feature").asText()).isEqualTo("tenure");
    assertThat(tenure.get("drifted_windows").asInt()).isEqualTo(4);
    assertThat(tenure.get("points")).hasSize(WINDOWS);
    List<Boolean> drifted = new ArrayList<>();
    tenure.get("points").forEach(x -> drifted.add(x.get("drifted").asBoolean()));
    assertThat(drifted).containsExactly(false, false, false, false, false, false, false, false, true, true, true, true);
    assertThat(tenure.get("points").get(9).get("statistic").asDouble()).isEqualTo(0.2 + 9 / 100.0);
    assertThat(Instant.parse(tenure.get("points").get(0).get("end").asText())).isEqualTo(end(0));
    JsonNode contract = r.get("features").get(1);
    assertThat(contract.get("points").get(0).get("psi").isNull()).as("NaN as null").isTrue();
    assertThat(r.get("prediction").get("drifted_windows").asInt()).isEqualTo(2);
    assertThat(r.get("prediction_distribution")).singleElement().satisfies(d -> {
      assertThat(d.get("version").asText()).isEqualTo("3");
      assertThat(d.get("bins")).extracting(JsonNode::asText).containsExactly("no", "yes", "(other)");
      assertThat(d.get("reference_counts")).extracting(JsonNode::asLong).containsExactly(700L, 300L, 0L);
      assertThat(d.get("reference_shares")).extracting(JsonNode::asDouble).containsExactly(0.7, 0.3, 0.0);
      assertThat(d.get("points")).hasSize(WINDOWS);
      assertThat(Instant.parse(d.get("points").get(0).get("end").asText())).isEqualTo(end(0));
      assertThat(d.get("points").get(0).get("rows").asLong()).isEqualTo(300);
      assertThat(d.get("points").get(0).get("shares")).extracting(JsonNode::asDouble).containsExactly(0.7, 0.3, 0.0);
      assertThat(d.get("points").get(11).get("counts")).extracting(JsonNode::asLong).containsExactly(150L, 150L, 0L);
      assertThat(d.get("points").get(11).get("shares")).extracting(JsonNode::asDouble).containsExactly(0.5, 0.5, 0.0);
    });
    JsonNode traffic = r.get("traffic");
    assertThat(traffic).hasSize(WINDOWS);
    assertThat(traffic.get(5).get("latency_p99_ms").asDouble()).isEqualTo(10.0);
    assertThat(traffic.get(5).get("latency_p50_ms").asDouble()).isEqualTo(1.5);
    assertThat(traffic.get(3).get("error_rate").asDouble()).isEqualTo(3.0 / 303);
    JsonNode accuracy = r.get("accuracy");
    assertThat(accuracy).as("only windows whose labels arrived").hasSize(6);
    assertThat(accuracy.get(0).get("labels").asInt()).isEqualTo(56);
    assertThat(accuracy.get(0).get("metrics").get("accuracy").asDouble()).isEqualTo(0.9 - 6 / 100.0);
    assertThat(accuracy.get(5).get("metrics").get("auc").asDouble()).isEqualTo(0.85 - 11 / 200.0);
    assertThat(r.get("alerts")).singleElement().satisfies(a -> assertThat(a.get("rule").asText()).isEqualTo("input-drift"));
  }

  @Test
  void monitorReportSinceLeavesOutWindowsThatEndedEarlier() throws Exception {
    JsonNode r = JSON.readTree(ok(p.kiln("monitor", "report", "--env", "production", "--since", "12m", "--json")).out());
    assertThat(r.get("windows").asInt()).isEqualTo(3);
    assertThat(r.get("features").get(0).get("points")).hasSize(3);
    JsonNode at = JSON.readTree(ok(p.kiln("monitor", "report", "--env", "production", "--since", end(10).toString(),
        "--json")).out());
    assertThat(at.get("windows").asInt()).as("since a time").isEqualTo(2);
  }

  @Test
  void monitorReportWithoutOptionsSummarisesVersionsDriftedFeaturesAndAlerts() {
    String out = ok(p.kiln("monitor", "report", "--env", "production")).out();
    assertThat(out).contains("12 windows, 1 alerts").contains("churn:3").contains("tenure drifted in 4 of 12 windows")
        .contains("predictions drifted in 2 of 12 windows")
        .contains("churn:3 predicted in its last window: no 50.0% (reference 70.0%), yes 50.0% (reference 30.0%)")
        .contains("webhook ok, rollback ok")
        .contains("--html FILE").doesNotContain("contract drifted");
  }

  @Test
  void theHtmlReportHasAPlotInEverySectionWithDriftedWindowsAndAlertsMarked() throws Exception {
    Path file = dir.resolve("out/monitor.html");
    assertThat(ok(p.kiln("monitor", "report", "--env", "production", "--html", file.toString())).out())
        .contains("Wrote").contains("12 windows, 1 alerts");
    String html = Files.readString(file);
    for (String section : List.of("drift", "prediction", "distribution", "traffic", "accuracy", "alerts")) {
      assertThat(section(html, section)).as(section).contains("<svg");
    }
    assertThat(section(html, "drift")).contains("Drift per feature, churn:3").contains("Drift of tenure")
        .doesNotContain("Drift of contract");
    assertThat(count(section(html, "drift"), "<rect class=\"drifted\"")).as("heatmap cells of drifted windows").isEqualTo(4);
    assertThat(count(section(html, "prediction"), "class=\"marked\"")).isEqualTo(2);
    String distribution = section(html, "distribution");
    assertThat(distribution).contains("Prediction distribution, churn:3")
        .contains("no <span class=\"muted\">(reference 70.00%)").as("an unused bin is left out").doesNotContain("(other)")
        .contains("yes 50.00% (150 of 300), reference 30.00%");
    assertThat(count(distribution, "<rect class=\"share\"")).as("a bar per window, a segment per class predicted")
        .isEqualTo(2 * WINDOWS);
    assertThat(count(distribution, "<line class=\"reference\"")).as("where the reference's \"no\" ends").isEqualTo(1);
    assertThat(distribution).as("the reference line 0.7 of the plot's height up").contains("class=\"reference\" x1=\"56\" "
        + "x2=\"544\" y1=\"79.6\"");
    assertThat(count(distribution, "<line class=\"alert\"")).isEqualTo(1);
    assertThat(section(html, "traffic")).contains("Latency").contains("churn:3 p99").contains("Error rate");
    assertThat(section(html, "accuracy")).contains("Live accuracy").contains("Live auc").contains("Labels per window");
    assertThat(section(html, "alerts")).contains("HTTP 503, retrying in 1s").contains("production back on churn v2");
    assertThat(count(html, "<line class=\"alert\"")).as("the alert on every time chart").isGreaterThanOrEqualTo(8);
    assertThat(html).as("nothing loaded, nothing run").doesNotContain("<script").doesNotContain("src=")
        .doesNotContain("href=").doesNotContain("url(");
  }

  @Test
  void anEnvironmentWithAlertsButNoWindowsGetsAReportThatSaysSo() throws Exception {
    Path file = dir.resolve("staging.html");
    ok(p.kiln("monitor", "report", "--env", "staging", "--html", file.toString()));
    String html = Files.readString(file);
    assertThat(section(html, "drift")).contains("No window closed");
    assertThat(section(html, "alerts")).contains("errors: error rate 0.08 &gt; 0.01");
  }

  @Test
  void badUsageExitsTwoAndSaysWhatIsWrong() {
    refused(p.kiln("monitor", "report", "--env", "prodution"), "unknown environment 'prodution'");
    refused(p.kiln("alerts", "--env", "prodution"), "unknown environment 'prodution'");
    refused(p.kiln("alerts", "--since", "a week"), "--since: 'a week' is neither a duration");
    refused(p.kiln("monitor", "report", "--env", "production", "--since", "-1h"), "--since: '-1h' is neither a duration");
    refused(p.kiln("monitor", "report", "--env", "production", "--json", "--html", "x.html"), "choose one");
    refused(p.kiln("monitor", "report"), "--env");
  }

  @Test
  void theHtmlReportRendersInABrowserWithEveryLabelInsideItsChart() throws Exception {
    Optional<Path> chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
        .map(Path::of).filter(Files::isExecutable).findFirst();
    assumeTrue(chromium.isPresent(), "needs chromium (apt-get install -y chromium)");
    Path file = dir.resolve("monitor.html");
    ok(p.kiln("monitor", "report", "--env", "production", "--html", file.toString()));
    String probe = "<pre id=\"layout\"></pre><script>const svgs=[...document.querySelectorAll('svg')];let out=0;"
        + "for(const s of svgs){const b=s.getBoundingClientRect();for(const t of s.querySelectorAll('text')){"
        + "const r=t.getBoundingClientRect();if(r.left<b.left-0.5||r.right>b.right+0.5||r.top<b.top-0.5||"
        + "r.bottom>b.bottom+0.5)out++;}}const sections=[...document.querySelectorAll('section')].map(s=>s.id+'='"
        + "+s.querySelectorAll('svg').length).join(' ');document.getElementById('layout').textContent='svgs='+"
        + "svgs.length+' outside='+out+' '+sections;</script></body>";
    Path page = dir.resolve("measured.html");
    Files.writeString(page, Files.readString(file).replace("</body>", probe));
    Process proc = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")), "--window-size=1300,3000", "--dump-dom",
        page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(proc.getInputStream().readAllBytes());
    assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Matcher layout = Pattern.compile("<pre id=\"layout\">([^<]*)</pre>").matcher(dom);
    assertThat(layout.find()).as("the measured page").isTrue();
    assertThat(layout.group(1)).contains("outside=0").containsPattern("drift=[1-9]").containsPattern("prediction=[1-9]")
        .containsPattern("distribution=[1-9]").containsPattern("traffic=[1-9]").containsPattern("accuracy=[1-9]").containsPattern("alerts=[1-9]");
  }

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }
}
