package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.stats.dist.Quantiles;
import dev.kiln.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln stats} over a store filled by real runs: a first run, a no-op re-run, a changed
 * param that makes the gate refuse, the old param again (train restored from the run-cache, the
 * gate up to date: its last result is the first run's), and a check after the gate that fails
 * twice (and is skipped when the gate refuses).
 */
class StatsCommandTest {
  @TempDir
  static Path tmp;
  static TestProject p;

  @BeforeAll
  static void sixRuns() throws Exception {
    p = new TestProject(tmp);
    p.file("data.csv", "x\n1\n2\n");
    p.file("params.yaml", "train:\n  lr: 0.2\n");
    p.file("check.sh", "exit 0\n");
    p.pipeline("""
        stages:
          prep:
            run: cp data.csv clean.csv
            deps: [data.csv]
            outs: [clean.csv]
          train:
            run: |
              sleep 1.5
              awk -v lr="$KILN_PARAM_TRAIN_LR" 'BEGIN { printf "{\\"auc\\": %.1f}\\n", 0.7 + lr }' > m.json
            deps: [clean.csv]
            params: [train.lr]
            metrics: m.json
          gate:
            needs: [train]
            uses: gate
            with: {require: {auc: ">= 0.85"}}
          check:
            needs: [gate]
            run: bash check.sh
            deps: [check.sh]
        """);
    run(0);
    run(0);
    p.file("params.yaml", "train:\n  lr: 0.1\n");
    run(1);
    p.file("params.yaml", "train:\n  lr: 0.2\n");
    run(0);
    p.file("check.sh", "exit 3\n");
    run(1);
    run(1);
  }

  private static void run(int exit) {
    TestProject.Result r = p.kiln("run", "-q");
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
  }

  static JsonNode json() throws Exception {
    TestProject.Result r = p.kiln("stats", "--json");
    assertThat(r.exit()).as(r.toString()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  static JsonNode stage(JsonNode json, String name) {
    for (JsonNode s : json.get("pipelines").get(0).get("stages")) {
      if (s.get("stage").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name);
  }

  static String counts(JsonNode stage) {
    JsonNode e = stage.get("executions");
    JsonNode c = stage.get("cache");
    return e.get("total") + " runs, " + e.get("succeeded") + " ok, " + e.get("failed") + " failed; "
        + c.get("up_to_date") + " up to date, " + c.get("restored") + " restored, " + c.get("ran") + " ran";
  }

  @Test
  void countsRunsAndEachStagesSuccessesFailuresAndCacheOutcomes() throws Exception {
    JsonNode json = json();
    JsonNode pipeline = json.get("pipelines").get(0);
    assertThat(pipeline.get("pipeline").asText()).isEqualTo("test");
    assertThat(pipeline.get("runs").get("total").asInt()).isEqualTo(6);
    assertThat(pipeline.get("runs").get("succeeded").asInt()).isEqualTo(3);
    assertThat(pipeline.get("runs").get("failed").asInt()).isEqualTo(3);
    assertThat(counts(stage(json, "prep"))).isEqualTo("6 runs, 6 ok, 0 failed; 5 up to date, 0 restored, 1 ran");
    assertThat(counts(stage(json, "train"))).isEqualTo("6 runs, 6 ok, 0 failed; 3 up to date, 1 restored, 2 ran");
    assertThat(counts(stage(json, "gate"))).isEqualTo("6 runs, 5 ok, 1 failed; 4 up to date, 0 restored, 2 ran");
    assertThat(counts(stage(json, "check"))).isEqualTo("6 runs, 3 ok, 2 failed; 2 up to date, 0 restored, 3 ran");
    assertThat(stage(json, "train").get("cache").get("hit_rate").asDouble()).isEqualTo(4 / 6.0);
  }

  @Test
  void medianAndNinetyFifthPercentileEqualNumpysQuantilesOfTheRecordedWallTimes() throws Exception {
    JsonNode json = json();
    for (String name : List.of("prep", "train", "gate", "check")) {
      double[] walls = succeededWallTimes(name);
      JsonNode wall = stage(json, name).get("wall_ms");
      assertThat(wall.get("count").asInt()).as(name).isEqualTo(walls.length);
      assertThat(wall.get("p50").asDouble()).as(name).isEqualTo(Quantiles.linear(walls, 0.5));
      assertThat(wall.get("p95").asDouble()).as(name).isEqualTo(Quantiles.linear(walls, 0.95));
    }
    assertThat(stage(json, "train").get("wall_ms").get("p50").asDouble()).isGreaterThanOrEqualTo(1500);
    assertThat(stage(json, "train").get("cpu_ms").get("count").asInt()).isEqualTo(2);
    assertThat(stage(json, "train").get("peak_rss_bytes").get("max").asDouble()).isPositive();
  }

  /** The reference: every execution of the stage that ran and succeeded, read from the store. */
  private static double[] succeededWallTimes(String stage) {
    List<Double> walls = new ArrayList<>();
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(p.dir), p.dir)) {
      for (var run : store.runs().runs("test", 100)) {
        for (ExecutionRecord e : store.runs().executions(run.id())) {
          if (e.stage().equals(stage) && e.status() == ExecStatus.SUCCEEDED) {
            walls.add((double) e.wallMillis());
          }
        }
      }
    }
    return walls.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  @Test
  void namesTheSlowestAndTheMostFailingStages() throws Exception {
    JsonNode json = json();
    assertThat(json.get("slowest").get(0).get("stage").asText()).isEqualTo("train");
    assertThat(json.get("most_failing").get(0).get("stage").asText()).isEqualTo("check");
    assertThat(json.get("most_failing").get(0).get("failed").asInt()).isEqualTo(2);
    assertThat(json.get("most_failing").get(1).get("stage").asText()).isEqualTo("gate");
    assertThat(json.get("most_failing")).hasSize(2);
  }

  @Test
  void gateVerdictsAreTheOnesTheGateDecidedBlessedThenNot() throws Exception {
    JsonNode verdicts = json().get("pipelines").get(0).get("gate_verdicts");
    assertThat(verdicts).hasSize(2);
    assertThat(verdicts.get(0).get("run").asInt()).isEqualTo(1);
    assertThat(verdicts.get(0).get("blessed").asBoolean()).isTrue();
    assertThat(verdicts.get(1).get("run").asInt()).isEqualTo(3);
    assertThat(verdicts.get(1).get("blessed").asBoolean()).isFalse();
    JsonNode day = json().get("pipelines").get(0).get("gate_days").get(0);
    assertThat(day.get("blessed").asInt() + "/" + day.get("not_blessed").asInt()).isEqualTo("1/1");
  }

  @Test
  void theTerminalTablesFitEightyColumns() {
    TestProject.Result r = p.kiln("stats");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Pipeline 'test': 6 runs, 3 succeeded, 3 failed (50.0% failed)",
        "UP-TO-DATE", "HIT%", "CPU TOTAL", "PEAK MEM", "Slowest stages", "Most failing stages", "BLESSED");
    assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    assertThat(r.out()).containsPattern("check +6 +3 +2 +40\\.0% +2 +0 +3 +40\\.0%");
  }

  @Test
  void theHtmlPageHasDurationCacheAndVerdictPlotsAndLoadsNothing() throws Exception {
    Path page = tmp.resolve("out/stats.html");
    TestProject.Result r = p.kiln("stats", "--html", page.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    String html = Files.readString(page);
    assertThat(html).contains("<title>train</title>", "<title>Cache outcome share per stage</title>",
        "<title>Verdicts of gate per day</title>", "restored: 1", "not blessed: 1");
    assertThat(html.split("<svg", -1)).hasSize(1 + 4 + 1 + 1);
    assertThat(html).doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("https://");
  }

  @Test
  void onlyTheNamedPipelineAndAnUnknownOneIsAUsageError() throws Exception {
    assertThat(p.kiln("stats", "--pipeline", "test", "--json").out()).contains("\"pipeline\" : \"test\"");
    TestProject.Result r = p.kiln("stats", "--pipeline", "tset");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no runs of pipeline 'tset' in the store (did you mean 'test'? it holds runs of: test)");
  }

  @Test
  void aBadSinceOrTwoOutputsAreUsageErrors() {
    TestProject.Result r = p.kiln("stats", "--since", "last week");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--since: 'last week' is neither a duration");
    assertThat(p.kiln("stats", "--json", "--html", "x.html").exit()).isEqualTo(2);
    assertThat(p.kiln("stats", "--since", "2026-13-45").exit()).isEqualTo(2);
  }

  @Test
  void aWindowWithoutRunsSaysSo() throws Exception {
    TestProject.Result r = p.kiln("stats", "--since", "2999-01-01");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("No runs in that time");
    assertThat(new ObjectMapper().readTree(p.kiln("stats", "--since", "0s", "--json").out()).get("pipelines"))
        .isEmpty();
    assertThat(Optional.of(r.err())).contains("");
  }

  @Test
  void inABrowserEveryPlotIsDrawnAndNoLabelSpillsOutOfItsPlot() throws Exception {
    Optional<Path> chromium = java.util.stream.Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome").map(Path::of).filter(Files::isExecutable).findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(chromium.isPresent(), "needs chromium (apt-get install -y chromium)");
    Path page = tmp.resolve("measured.html");
    assertThat(p.kiln("stats", "--html", page.toString()).exit()).isZero();
    String probe = "<pre id=\"layout\"></pre><script>const svgs=[...document.querySelectorAll('svg')];"
        + "let spilled=0,drawn=0;for(const s of svgs){const b=s.getBoundingClientRect();"
        + "if(b.width>0&&b.height>0&&s.querySelectorAll('circle,rect,path').length>0)drawn++;"
        + "for(const t of s.querySelectorAll('text')){const r=t.getBoundingClientRect();"
        + "if(r.left<b.left-0.5||r.right>b.right+0.5||r.top<b.top-0.5||r.bottom>b.bottom+0.5)spilled++;}}"
        + "document.getElementById('layout').textContent='plots='+svgs.length+' drawn='+drawn+' spilled='+spilled;"
        + "</script></body>";
    Files.writeString(page, Files.readString(page).replace("</body>", probe));
    Process browser = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")), "--window-size=1200,2000", "--dump-dom",
        page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(browser.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(browser.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    java.util.regex.Matcher layout = java.util.regex.Pattern.compile("<pre id=\"layout\">([^<]*)</pre>").matcher(dom);
    assertThat(layout.find()).as("the measured page").isTrue();
    // four stages' durations, the cache shares, the gate's verdicts
    assertThat(layout.group(1)).isEqualTo("plots=6 drawn=6 spilled=0");
  }
}
