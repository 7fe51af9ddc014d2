package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln package} and the {@code package} step: the bundle it writes is what {@code kiln
 * serve --bundle} verifies (a tampered file refused by name), the image tarball and manifests name
 * one digest, and a restored package stage with a push re-pushes and says so.
 */
class PackageCommandTest {
  @TempDir
  Path dir;

  private TestProject registered() throws Exception {
    TestProject p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    StringBuilder sb = new StringBuilder("age,plan,churn\n");
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 120; i++) {
      int age = 18 + r.nextInt(60);
      String plan = i % 3 == 0 ? "basic" : "pro";
      sb.append(age).append(',').append(plan).append(',').append(age < 40 ^ r.nextDouble() < 0.2 ? "yes" : "no")
          .append('\n');
    }
    p.file("data.csv", sb.toString());
    ok(p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--out", dir.resolve("gb").toString(),
        "-P", "trees=10"));
    ok(p.kiln("models", "register", dir.resolve("gb").toString(), "--name", "churn", "--alias", "staging"));
    return p;
  }

  private static void ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  @Test
  void aPackagedBundleHoldsTheSignatureAndLineageAndServeRefusesItTamperedNamingTheFile() throws Exception {
    TestProject p = registered();
    TestProject.Result r = p.kiln("package", "churn@staging", "--bundle", dir.resolve("out/bundle").toString());
    ok(r);
    assertThat(r.out()).contains("bundle ", "churn:1");
    Path b = dir.resolve("out/bundle");
    assertThat(Files.readString(b.resolve("model/model.yaml"))).contains("task: \"classification\"", "classes:",
        "inputs:", "name: \"age\"", "type: \"category\"");
    assertThat(Files.readString(b.resolve("lineage.json"))).contains("\"git_commit\"", "\"params\"", "\"metrics\"",
        "\"gate\"");
    assertThat(Files.readString(b.resolve("MANIFEST.sha256"))).contains("  model/model.yaml", "  lineage.json");
    Files.writeString(b.resolve("model/model.yaml"), Files.readString(b.resolve("model/model.yaml")) + "# edited\n");
    Process serve = p.start("serve", "--bundle", b.toString(), "--port", "0");
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(serve.exitValue()).isEqualTo(1);
    String log;
    try (var s = Files.list(dir)) {
      Path out = s.filter(f -> f.getFileName().toString().startsWith("kiln-")).findFirst().orElseThrow();
      log = Files.readString(out);
    }
    assertThat(log).contains("model/model.yaml was changed").doesNotContain("ready on").doesNotContain("\tat ");
  }

  @Test
  void anImageAndItsManifestsNameOneDigestAndBadOptionsAreUsageErrors() throws Exception {
    TestProject p = registered();
    TestProject.Result r = p.kiln("package", "churn:1", "--image", dir.resolve("img.tar").toString(), "--tag",
        "churn:1", "--k8s", dir.resolve("k8s").toString());
    ok(r);
    String digest = r.out().replaceAll("(?s).*digest (sha256:[0-9a-f]{64}).*", "$1");
    assertThat(r.out()).contains("image size ", " MB compressed, digest sha256:");
    assertThat(Files.readString(dir.resolve("k8s/deployment.yaml"))).contains("image: churn@" + digest);
    assertThat(p.kiln("package", "churn:1", "--k8s", dir.resolve("k8s").toString()).exit()).isEqualTo(2);
    assertThat(p.kiln("package", "churn:1").err()).contains("say what to package");
    assertThat(p.kiln("package", "churn:9", "--bundle", "b").exit()).isEqualTo(2);
    p.file("notes/todo.txt", "keep me\n");
    TestProject.Result over = p.kiln("package", "churn:1", "--bundle", dir.resolve("notes").toString());
    assertThat(over.exit()).isEqualTo(2);
    assertThat(over.err()).contains("exists and is not a Kiln bundle");
    assertThat(p.read("notes/todo.txt")).isEqualTo("keep me\n");
  }
}
