package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.hash.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateAndRegistryTest {
  @TempDir
  Path tmp;
  TestProject p;

  static final String STAGES = """
      stages:
        train:
          run: mkdir -p model; echo "weights $KILN_PARAM_AUC" > model/weights.bin
          deps: [data/train.csv]
          params: [auc]
          outs: [model]
        evaluate:
          run: |
            echo "{\\"auc\\": $KILN_PARAM_AUC, \\"latency\\": {\\"p99_ms\\": 3.2}}" > eval.json
          deps: [model]
          params: [auc]
          metrics: eval.json
        gate:
          needs: [evaluate]
          uses: gate
          with:
            %s
        register:
          needs: [gate]
          uses: register
          with: {model: model, name: credit, alias: staging}
      """;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
    p.file("data/train.csv", "x,y\n1,0\n2,1\n");
    auc("0.81");
  }

  void auc(String value) throws IOException {
    p.file("params.yaml", "auc: " + value + "\n");
  }

  void gate(String with) throws IOException {
    p.pipeline(STAGES.formatted(with.replace("\n", "\n      ")));
  }

  @Test
  void aGateThatFailsSaysWhyInWordsAndStopsTheRegistration() throws IOException {
    auc("0.781");
    gate("require: {auc: \">= 0.80\", latency.p99_ms: \"<= 5\"}");
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("✘ gate: failed", "not blessed: auc 0.781 < 0.80 required",
        "- register: skipped: upstream 'gate' failed");
    assertThat(p.kiln("show").out()).contains("FAIL: auc 0.781 < 0.80 required", "pass: latency.p99_ms 3.2 meets <= 5");
    assertThat(p.kiln("models", "list").out()).contains("No registered models yet");
  }

  @Test
  void aBlessedModelIsRegisteredWithItsLineage() throws IOException {
    gate("require: {auc: \">= 0.80\"}");
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("blessed: 1 check passed", "registered credit:1", "credit@staging → v1");
    String show = p.kiln("models", "show", "credit@staging").out();
    String dataHash = Digest.ofBytes("x,y\n1,0\n2,1\n".getBytes()).hex();
    assertThat(show).contains("credit:1  @staging", "run 1 of 'test', stage 'register'", "data/train.csv  sha256:"
        + dataHash.substring(0, 12), "gate      blessed", "auc = 0.81", "auc = 0.81");
    assertThat(p.kiln("lineage", "credit:1").out()).contains("data/train.csv  sha256:" + dataHash, "run 1 of 'test'",
        "train: succeeded → model", "version credit:1", "@staging since");
    assertThat(p.kiln("lineage", "--data", "sha256:" + dataHash).out()).contains("credit", "blessed");
    assertThat(p.kiln("lineage", "--data", dataHash.substring(0, 12)).out()).contains("credit");
    assertThat(p.kiln("run").out()).contains("= register: up to date");
  }

  @Test
  void changeChecksCompareWithTheVersionBehindTheBaselineAlias() throws IOException {
    gate("require: {auc: \">= 0.70\"}\nbaseline: production\nchange: {auc: \">= -0.005\"}");
    auc("0.793");
    TestProject.Result first = p.kiln("run");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(p.kiln("show").out()).contains("note: no baseline (production of credit) yet: change checks skipped");
    assertThat(p.kiln("models", "promote", "credit", "1", "production", "--reason", "first release").exit()).isZero();
    auc("0.790");
    TestProject.Result close = p.kiln("run");
    assertThat(close.exit()).as(close.toString()).isZero();
    assertThat(p.kiln("show").out()).contains("auc fell 0.003 against production of credit (v1, 0.793); allowed −0.005");
    auc("0.781");
    TestProject.Result worse = p.kiln("run");
    assertThat(worse.exit()).isEqualTo(1);
    assertThat(worse.out()).contains("auc fell 0.012 against production of credit (v1, 0.793); allowed −0.005");
  }

  @Test
  void aThresholdOnAMetricNobodyProducedFailsAndNamesWhatExists() throws IOException {
    gate("require: {aucc: \">= 0.8\"}");
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("'aucc' was not produced by any upstream stage (did you mean 'auc'?) (available: auc, latency.p99_ms)");
  }

  @Test
  void badGateConfigurationIsRejectedWithLocations() throws IOException {
    gate("require: {auc: \"at least 0.8\"}\napproval: sometimes\nchange: {auc: \">= -1%\"}");
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("stages.gate.with.require.auc: invalid threshold 'at least 0.8'",
        "stages.gate.with.approval: approval must be manual, auto or none, not 'sometimes'",
        "change checks compare with a baseline: add 'baseline: ALIAS'");
  }

  @Test
  void manualApprovalStopsTheRunUntilSomeoneApprovesThenResumeContinues() throws IOException {
    gate("require: {auc: \">= 0.80\"}\napproval: manual");
    TestProject.Result waiting = p.kiln("run");
    assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(ExitCodes.WAITING);
    assertThat(waiting.out()).contains("⏸ gate: waiting for approval", "kiln approve 1", "Run 1 waiting for approval");
    assertThat(waiting.out()).doesNotContain("register:");
    assertThat(p.kiln("approvals").out()).contains("RUN", "1", "gate");
    assertThat(p.kiln("runs").out()).contains("waiting for approval");
    TestProject.Result early = p.kiln("run", "--resume", "1");
    assertThat(early.exit()).isEqualTo(ExitCodes.WAITING);
    TestProject.Result ok = p.kiln("approve", "1", "--comment", "reviewed fairness", "--as", "alice");
    assertThat(ok.out()).contains("approved run 1 at gate 'gate' as alice: reviewed fairness", "kiln run --resume 1");
    TestProject.Result resumed = p.kiln("run", "--resume", "1");
    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("approved by alice: reviewed fairness", "registered credit:1");
    assertThat(resumed.out()).doesNotContain("▶ train");
    assertThat(p.kiln("runs").out()).contains("succeeded");
    assertThat(p.kiln("run", "--resume", "1").err()).contains("run 1 is not waiting for approval");
  }

  @Test
  void aRejectedApprovalFailsTheGateOnResume() throws IOException {
    gate("require: {auc: \">= 0.80\"}\napproval: manual");
    p.kiln("run");
    assertThat(p.kiln("reject", "1").exit()).as("a rejection needs a comment").isEqualTo(2);
    assertThat(p.kiln("reject", "1", "--comment", "drift on new segment", "--as", "bob").exit()).isZero();
    TestProject.Result r = p.kiln("run", "--resume", "1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("rejected by bob: drift on new segment", "register: skipped");
    assertThat(p.kiln("approve", "1").err()).contains("no pending approval");
  }

  @Test
  void anUnansweredApprovalIsRejectedAfterItsTimeout() throws Exception {
    gate("require: {auc: \">= 0.80\"}\napproval: manual\ntimeout: 300ms");
    assertThat(p.kiln("run").exit()).isEqualTo(ExitCodes.WAITING);
    Thread.sleep(600);
    assertThat(p.kiln("approvals").out()).contains("expired: counts as rejected when resumed");
    TestProject.Result r = p.kiln("run", "--resume", "1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("approval timed out");
  }

  @Test
  void promotingAnUnblessedVersionNeedsForceAndAReason() throws IOException {
    Files.createDirectories(p.dir.resolve("m"));
    p.file("m/w", "w");
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    assertThat(p.kiln("models", "register", p.dir.resolve("m").toString(), "--name", "hand").out())
        .contains("registered hand:1");
    assertThat(p.kiln("models", "promote", "hand", "1", "production", "--as", "ops").out()).contains("new alias → v1");
    String history = p.kiln("models", "history", "hand").out();
    assertThat(history).contains("production", "v1", "ops");
    TestProject.Result bad = p.kiln("models", "show", "hand@prod");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("has no alias 'prod'; aliases: production (v1)");
    assertThat(p.kiln("models", "show", "hand:x").err()).contains("not a model reference");
    assertThat(p.kiln("models", "search", "metrics.auc > 1").err()).contains("unknown name 'metrics.auc'");
    assertThat(p.kiln("models", "search", "model == 'hand' && alias.production").out()).contains("hand", "production");
  }
}
