package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate and register stages as parts of a run: the gate is fingerprinted on what it reads, a
 * restored register stage re-applies its registry effect, and registering is never duplicated.
 */
class RegistryEffectsTest {
  @TempDir
  Path tmp;
  TestProject p;

  static final String PIPELINE = """
      stages:
        train:
          run: mkdir -p model; echo "weights $KILN_PARAM_AUC" > model/weights.bin
          deps: [data/train.csv]
          params: [auc]
          outs: [model]
        evaluate:
          run: |
            echo "{\\"auc\\": $KILN_PARAM_AUC}" > eval.json
          deps: [model]
          params: [auc]
          metrics: eval.json
        gate:
          needs: [evaluate]
          uses: gate
          with: {require: {auc: ">= 0.70"}, baseline: production, change: {auc: ">= -0.05"}}
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
    p.pipeline(PIPELINE);
  }

  void auc(String value) throws IOException {
    p.file("params.yaml", "auc: " + value + "\n");
  }

  TestProject.Result run() {
    TestProject.Result r = p.kiln("run", "-q");
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void aRunWithNothingChangedIsANoOpGateIncluded() {
    run();
    TestProject.Result again = run();
    assertThat(again.out()).contains("= gate: up to date", "= register: up to date", "4 up to date");
    assertThat(again.out()).doesNotContain("▶");
    assertThat(p.kiln("status").out()).contains("everything is up to date");
  }

  @Test
  void theGateRunsAgainSayingWhyWhenTheVersionBehindItsBaselineMoves() {
    run();
    assertThat(p.kiln("models", "promote", "credit", "1", "production").exit()).isZero();
    assertThat(p.kiln("status").out()).contains("gate", "baseline credit@production: none → v1");
    TestProject.Result r = run();
    assertThat(r.out()).contains("▶ gate: running (baseline credit@production: none → v1)", "= register: up to date");
    assertThat(p.kiln("show").out()).contains("auc did not change against production of credit (v1, 0.81)");
    assertThat(run().out()).contains("= gate: up to date");
  }

  @Test
  void aRestoredRegisterStageMovesTheAliasBackToTheVersionItRestored() throws IOException {
    run();
    auc("0.85");
    assertThat(run().out()).contains("registered credit:2 as @staging");
    auc("0.81");
    TestProject.Result back = run();
    assertThat(back.out()).contains("↺ register: restored from cache (run 1)",
        "re-applied: credit@staging → v1 (was v2)");
    assertThat(p.kiln("models", "show", "credit@staging").out()).contains("credit:1  @staging");
    assertThat(p.kiln("models", "versions", "credit").out()).doesNotContain("credit  3");
    assertThat(p.kiln("models", "history", "credit").out()).contains("registered by run 3");
  }

  @Test
  void aRegistrationInterruptedBeforeItWasRecordedIsNotRegisteredAgain() throws Exception {
    run();
    long dead = deadPid();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.dir.resolve(".kiln/kiln.db"));
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE stage_executions SET status = 'RUNNING' WHERE stage = 'register'");
      st.executeUpdate("UPDATE runs SET status = 'RUNNING', ended_at = NULL, owner_pid = " + dead);
    }
    TestProject.Result recovery = p.kiln("run", "-q");
    assertThat(recovery.exit()).as(recovery.toString()).isZero();
    assertThat(recovery.err()).contains("run 1 did not finish", "is gone); marked as interrupted");
    assertThat(recovery.out()).contains("already registered: credit:1, @staging already on it");
    String versions = p.kiln("models", "versions", "credit").out();
    assertThat(versions).contains("credit  1").doesNotContain("credit  2");
  }

  /** The pid of a process that has exited (so nothing runs with it). */
  static long deadPid() throws IOException, InterruptedException {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    return done.pid();
  }

  static void sql(Path db, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }
}
