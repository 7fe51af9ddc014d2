package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln deploy}, {@code rollout}, {@code rollback} and {@code environments} as a user runs
 * them: every change moves the environment's alias and is in both histories; bad requests are
 * refused with a reason and exit 2, and nothing is half-applied.
 */
class DeployCommandsTest {
  @TempDir
  Path dir;
  private TestProject p;

  @BeforeEach
  void twoVersions() throws Exception {
    p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    StringBuilder sb = new StringBuilder("age,plan,churn\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      int age = 18 + r.nextInt(60);
      sb.append(age).append(',').append(i % 3 == 0 ? "basic" : "pro").append(',')
          .append(age < 40 == r.nextDouble() < 0.8 ? "yes" : "no").append('\n');
    }
    p.file("data.csv", sb.toString());
    for (String v : new String[] {"a", "b", "c"}) {
      ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--algorithm", "logistic-regression",
          "--out", dir.resolve(v).toString(), "-P", "epochs=" + (v.charAt(0) - 'a' + 3)));
      ok(p.kiln("models", "register", dir.resolve(v).toString(), "--name", "churn"));
    }
  }

  private static TestProject.Result ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private static TestProject.Result refused(TestProject.Result r, String says) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains(says).doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  @Test
  void everyEnvironmentChangeMovesTheAliasAndIsInTheEnvironmentAndModelHistories() {
    ok(p.kiln("deploy", "churn:1", "--env", "staging"));
    ok(p.kiln("deploy", "churn:2", "--env", "staging", "-r", "retrained"));
    assertThat(ok(p.kiln("models", "show", "churn@staging")).out()).contains("churn:2");
    assertThat(ok(p.kiln("environments")).out()).contains("staging").contains("churn").contains("v2 100%");
    String history = ok(p.kiln("environments", "history", "staging")).out();
    assertThat(history).contains("first deployment: v1").contains("replaced v1 with v2");
    ok(p.kiln("rollback", "staging"));
    assertThat(ok(p.kiln("models", "show", "churn@staging")).out()).contains("churn:1");
    assertThat(ok(p.kiln("environments", "history", "staging")).out()).contains("rolled back from v2 to v1");
    String moves = ok(p.kiln("models", "history", "churn", "--alias", "staging")).out();
    assertThat(moves).contains("v1").contains("v2");
    assertThat(ok(p.kiln("environments", "--json")).out()).contains("\"environment\" : \"staging\"")
        .contains("\"stable\" : 1");
  }

  @Test
  void aCanaryWaitsInTheStoreForAGatewayAndCanBeSteeredByHand() {
    ok(p.kiln("deploy", "churn:1", "--env", "production"));
    TestProject.Result waiting = p.kiln("deploy", "churn:2", "--env", "production", "--strategy", "canary",
        "--steps", "20,pause,100", "--timeout", "1s");
    assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(1);
    assertThat(waiting.err()).contains("still progressing after 1.0s").contains("kiln rollout status production");
    String status = ok(p.kiln("rollout", "status", "production")).out();
    assertThat(status).contains("rollout of v2 over v1 (canary): progressing").contains("v1 80%, v2 20%");
    assertThat(ok(p.kiln("rollout", "pause", "production")).out()).contains("paused");
    assertThat(ok(p.kiln("rollout", "resume", "production")).out()).contains("progressing");
    assertThat(ok(p.kiln("rollout", "promote", "production")).out()).contains("promoted");
    assertThat(ok(p.kiln("models", "show", "churn@production")).out()).contains("churn:2");
    assertThat(ok(p.kiln("rollout", "status", "production", "--json")).out()).contains("\"phase\" : \"promoted\"");
  }

  @Test
  void badDeploymentsAreRefusedWithTheReasonAndChangeNothing() {
    refused(p.kiln("deploy", "churn:9", "--env", "staging"), "9");
    refused(p.kiln("deploy", "churn:1", "--env", "staging", "--strategy", "zigzag"), "unknown strategy 'zigzag'");
    refused(p.kiln("deploy", "churn:1", "--env", "staging", "--strategy", "canary", "--steps", "50,10"),
        "weights must rise");
    refused(p.kiln("deploy", "churn:1", "--env", "staging", "--strategy", "canary", "--analysis", "speed=> 1"),
        "unknown analysis metric 'speed'");
    refused(p.kiln("deploy", "churn:1", "--env", "staging", "--mirror", "20%"), "does not apply to a replace");
    refused(p.kiln("rollout", "status", "staging"), "no environment 'staging'");
    ok(p.kiln("deploy", "churn:1", "--env", "staging"));
    refused(p.kiln("rollout", "pause", "staging"), "no rollout in progress");
    ok(p.kiln("deploy", "churn:2", "--env", "staging", "--strategy", "canary", "--no-wait"));
    refused(p.kiln("deploy", "churn:3", "--env", "staging"), "is in a rollout of v2");
    assertThat(ok(p.kiln("models", "show", "churn@staging")).out()).contains("churn:1");
    ok(p.kiln("deploy", "churn:3", "--env", "staging", "--force", "-r", "hotfix"));
    assertThat(ok(p.kiln("environments", "history", "staging")).out()).contains("superseded by v3");
    assertThat(ok(p.kiln("models", "show", "churn@staging")).out()).contains("churn:3");
  }
}
