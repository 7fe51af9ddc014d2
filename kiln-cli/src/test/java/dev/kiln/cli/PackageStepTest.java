package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package step in a pipeline (train → register → package) pushing to a real registry on
 * loopback: a new version pushes a new image; a package stage restored from the run-cache
 * re-pushes its image, with the digest the cached run pushed, and says so.
 */
class PackageStepTest {
  @TempDir
  Path dir;

  private static void ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  @Test
  void aRestoredPackageStageRePushesTheImageItsCachedRunPushedAndSaysSo() throws Exception {
    for (String tool : List.of("skopeo", "docker-registry")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed (apt-get install -y "
          + tool + "; .ci/run installs it)");
    }
    try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
      TestProject p = new TestProject(dir.resolve("project"));
      StringBuilder sb = new StringBuilder("age,plan,churn\n");
      java.util.Random r = new java.util.Random(3);
      for (int i = 0; i < 120; i++) {
        int age = 18 + r.nextInt(60);
        sb.append(age).append(',').append(i % 3 == 0 ? "basic" : "pro").append(',')
            .append(age < 40 ^ r.nextDouble() < 0.2 ? "yes" : "no").append('\n');
      }
      p.file("data.csv", sb.toString());
      String ref = registry.address() + "/kiln/churn:latest";
      p.pipeline("params: params.yaml\nstages:\n"
          + "  train:\n    uses: train\n    with: {data: data.csv, label: churn, algorithm: gradient-boosting, out: model}\n"
          + "    params: [train.trees]\n"
          + "  register:\n    needs: [train]\n    uses: register\n    with: {model: model, name: churn, alias: staging}\n"
          + "  package:\n    needs: [register]\n    uses: package\n"
          + "    with: {image: build/churn.tar, push: \"" + ref + "\", k8s: build/k8s}\n");
      p.file("params.yaml", "train:\n  trees: 10\n");
      TestProject.Result first = p.kiln("run");
      ok(first);
      assertThat(first.out()).contains("packaged churn:1", "pushed " + ref);
      String v1 = remoteDigest(ref);
      assertThat(p.read("build/k8s/deployment.yaml")).contains("image: " + ref.replace(":latest", "") + "@" + v1);

      p.file("params.yaml", "train:\n  trees: 12\n");
      ok(p.kiln("run"));
      String v2 = remoteDigest(ref);
      assertThat(v2).isNotEqualTo(v1);

      p.file("params.yaml", "train:\n  trees: 10\n");
      TestProject.Result back = p.kiln("run");
      ok(back);
      assertThat(back.out()).contains("package: restored from cache", "re-applied: re-pushed " + ref + " (" + v1
          + ", the image the cached run pushed)");
      assertThat(remoteDigest(ref)).isEqualTo(v1);
      assertThat(p.kiln("models", "versions", "churn").out()).doesNotContain("churn  3");
    }
  }

  private static String remoteDigest(String ref) throws Exception {
    Process p = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
        "docker://" + ref).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
