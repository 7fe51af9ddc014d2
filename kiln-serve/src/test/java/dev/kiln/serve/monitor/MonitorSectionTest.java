package dev.kiln.serve.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.Problem;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.load.Section;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.step.StepRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorSectionTest {
  @TempDir
  Path dir;

  private Pipeline load(String monitor) throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\nstages:\n  s: {run: 'true'}\nmonitor:\n" + monitor);
    return new PipelineParser(new StepRegistry(List.of()), List.of(new MonitorSection())).load(dir);
  }

  private List<String> problems(String monitor) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(monitor));
    assertThat(e).as("expected problems").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void theGatewayFindsTheMonitorSectionThroughTheSectionSpi() {
    assertThat(Section.load()).anySatisfy(s -> assertThat(s).isInstanceOf(MonitorSection.class));
  }

  @Test
  void everyKindOfRuleAndActionIsReadWithItsDefaults() throws IOException {
    MonitorConfig c = MonitorSection.of(load("""
          environment: production
          window: 30s
          window-rows: 500
          rules:
            - name: input-drift
              drift: {psi: "> 0.2", share-of-features: ">= 0.3"}
              for: 2
              cool-down: 6h
              actions:
                - webhook: {url: "http://127.0.0.1:9000/hook", secret-env: KILN_WEBHOOK_SECRET, retries: 5}
                - rollback
                - retrain
            - name: tenure-drift
              drift: {features: [tenure, monthly_charges]}
            - name: scores
              prediction-drift: {psi: "> 0.25"}
            - name: errors
              error-rate: "> 0.01"
              latency: {p99_ms: "> 50"}
              actions: [log]
            - name: live-accuracy
              accuracy: {auc: "< 0.78", min-labels: 200}
              actions: [webhook: "http://127.0.0.1:9000/hook"]
        """)).orElseThrow();
    assertThat(c.environment()).isEqualTo("production");
    assertThat(c.window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.windowRows()).contains(500L);
    assertThat(c.rules()).extracting(Rule::name)
        .containsExactly("input-drift", "tenure-drift", "scores", "errors", "live-accuracy");
    Rule drift = c.rules().get(0);
    assertThat(drift.forWindows()).isEqualTo(2);
    assertThat(drift.coolDown()).isEqualTo(Duration.ofHours(6));
    Condition.Drift d = (Condition.Drift) drift.conditions().get(0);
    assertThat(d.tests()).containsOnlyKeys("psi");
    assertThat(d.share().text()).isEqualTo(">= 0.3");
    assertThat(drift.actions()).extracting(ActionSpec::name).containsExactly("webhook", "rollback", "retrain");
    ActionSpec.Webhook w = (ActionSpec.Webhook) drift.actions().get(0);
    assertThat(w.secretEnv()).contains("KILN_WEBHOOK_SECRET");
    assertThat(w.retries()).isEqualTo(5);
    assertThat(w.timeout()).isEqualTo(ActionSpec.Webhook.DEFAULT_TIMEOUT);
    Rule tenure = c.rules().get(1);
    assertThat(((Condition.Drift) tenure.conditions().get(0)).features()).containsExactly("tenure", "monthly_charges");
    assertThat(tenure.forWindows()).isEqualTo(1);
    assertThat(tenure.coolDown()).isEqualTo(Rule.DEFAULT_COOL_DOWN);
    assertThat(tenure.actions()).extracting(ActionSpec::name).containsExactly("log");
    assertThat(c.rules().get(3).conditions()).extracting(Condition::key).containsExactly("error-rate", "latency");
    Condition.Accuracy a = (Condition.Accuracy) c.rules().get(4).conditions().get(0);
    assertThat(a.minLabels()).isEqualTo(200);
    assertThat(a.metrics().get("auc").text()).isEqualTo("< 0.78");
  }

  @Test
  void aPipelineWithoutAMonitorHasNone() throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\nstages:\n  s: {run: 'true'}\n");
    Pipeline p = new PipelineParser(new StepRegistry(List.of()), List.of(new MonitorSection())).load(dir);
    assertThat(MonitorSection.of(p)).isEmpty();
  }

  @Test
  void misspeltKeysAreReportedWhereTheyAreWithTheKeyMeant() {
    List<String> p = problems("""
          environment: production
          windwo: 1m
          rules:
            - name: input-drift
              drfit: {psi: "> 0.2"}
              drift: {pis: "> 0.2", share-of-feature: ">= 0.3"}
              cool-dwon: 1h
              actions: [rollbak, {webhok: "http://x/"}]
            - name: lat
              latency: {p99: "> 50"}
            - name: acc
              accuracy: {acu: "< 0.7", min-label: 10}
            - name: hook
              error-rate: "> 0.1"
              actions: [{webhook: {url: "http://127.0.0.1/h", secret_env: S}}]
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:6:3: monitor.windwo: unknown key 'windwo'")
        .contains("did you mean 'window'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:9:7:").contains("unknown key 'drfit'")
        .contains("did you mean 'drift'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:10:15:").contains("unknown key 'pis'")
        .contains("did you mean 'psi'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:10:")
        .contains("did you mean 'share-of-features'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:11:7:").contains("did you mean 'cool-down'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:12:17:")
        .contains("unknown action 'rollbak' (did you mean 'rollback'?)"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:12:").contains("unknown action 'webhok'")
        .contains("did you mean 'webhook'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:14:17:")
        .contains("unknown key 'p99' (valid: p50_ms, p99_ms)"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:16:").contains("did you mean 'auc'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:16:").contains("did you mean 'min-labels'?"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:19:").contains("did you mean 'secret-env'?"));
  }

  @Test
  void badValuesAreReportedWithWhatIsExpected() {
    List<String> p = problems("""
          environment: "prod env"
          window: soon
          rules:
            - name: a
              error-rate: 0.01
              for: 0
              actions: [webhook, launch, {webhook: "ftp://x"}]
            - name: a
              latency: {}
              accuracy: {min-labels: 5}
            - name: nothing
            - name: b
              drift: {psi: "about 0.2"}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:5:16:").contains("invalid environment 'prod env'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:6:11:").contains("invalid duration 'soon'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:9:19:").contains("invalid threshold '0.01'")
        .contains("\"> 0.01\""));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:10:12:").contains("at least 1"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:11:17:").contains("webhook needs a URL"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:11:").contains("unknown action 'launch'")
        .contains("valid: log, webhook, rollback, retrain"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:11:").contains("invalid webhook URL 'ftp://x'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:12:").contains("a second rule named 'a'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:13:").contains("latency needs a bound"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:14:").contains("accuracy needs a metric bound"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:15:").contains("rule 'nothing' watches nothing"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:17:").contains("invalid threshold 'about 0.2'"));
  }

  @Test
  void aMonitorNeedsAnEnvironmentAndRules() {
    List<String> p = problems("  window: 1m\n");
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:5:3:").contains("monitor needs 'environment'"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("monitor needs 'rules'"));
  }
}
