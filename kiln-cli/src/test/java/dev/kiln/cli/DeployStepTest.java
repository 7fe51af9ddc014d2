package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uses: deploy} in a pipeline: it deploys the version the register stage recorded and
 * waits for the outcome; later stages get the environment's URL; restored from the run-cache it
 * puts the environment back on that version; a rollout nothing carries out fails the stage at
 * its timeout, saying why; a bad configuration is refused before anything runs.
 */
class DeployStepTest {
  @TempDir
  Path tmp;
  TestProject p;

  static final String PIPELINE = RegistryEffectsTest.PIPELINE + """
        deploy:
          needs: [register]
          uses: deploy
          with: {env: staging, endpoint: "http://127.0.0.1:8080"}
        integration:
          needs: [deploy]
          run: echo "$KILN_ENDPOINT_STAGING" > endpoint.txt
          outs: [endpoint.txt]
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

  private TestProject.Result run(int exit) {
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    return r;
  }

  @Test
  void itDeploysTheRegisteredVersionAndHandsLaterStagesTheEnvironmentsUrl() throws IOException {
    assertThat(run(0).out()).contains("deploy: succeeded").contains("staging serves credit:1");
    assertThat(p.read("endpoint.txt")).isEqualTo("http://127.0.0.1:8080\n");
    assertThat(p.kiln("environments").out()).contains("staging").contains("v1 100%");
    assertThat(p.kiln("environments", "history", "staging").out()).contains("first deployment: v1");
  }

  @Test
  void restoredFromTheRunCacheItPutsTheEnvironmentBackOnItsVersion() throws IOException {
    run(0);
    auc("0.83");
    assertThat(run(0).out()).contains("staging serves credit:2");
    auc("0.81");
    String out = run(0).out();
    assertThat(out).contains("deploy: restored").contains("re-applied");
    assertThat(p.kiln("models", "show", "credit@staging").out()).contains("credit:1");
    assertThat(p.kiln("environments").out()).contains("v1 100%");
  }

  @Test
  void aRolloutNoGatewayCarriesOutFailsTheStageAtItsTimeoutSayingWhy() throws IOException {
    p.pipeline(PIPELINE.replace("with: {env: staging, endpoint: \"http://127.0.0.1:8080\"}",
        "with: {env: staging, strategy: canary, steps: \"50,100\", timeout: 1s}"));
    run(0);
    auc("0.83");
    String out = run(1).out();
    assertThat(out).contains("deploy: failed").contains("still progressing after 1.0s")
        .contains("kiln serve --env staging");
  }

  @Test
  void aBadDeployConfigurationIsRefusedBeforeAnythingRuns() throws IOException {
    p.pipeline(PIPELINE.replace("with: {env: staging, endpoint: \"http://127.0.0.1:8080\"}",
        "with: {env: staging, strategy: zigzag, stepz: 5}"));
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err() + r.out()).contains("unknown strategy 'zigzag'").contains("stepz").contains("steps");
  }
}
