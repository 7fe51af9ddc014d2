package dev.kiln.packaging.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.packaging.TestBundles;
import dev.kiln.packaging.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images of an XGBoost bundle built with Jib from the test JVM's classpath, read back with skopeo
 * and umoci, unpacked and run under chroot as the image's non-root user, and pushed to a real
 * registry on loopback.
 */
class ImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path shared;
  private static ImageBuilder builder;
  private static BuiltImage v3;
  private static Path v3Tar;

  @TempDir
  Path dir;

  @BeforeAll
  static void buildOnce() throws IOException {
    builder = new ImageBuilder(Path.of(System.getProperty("java.home")), shared.resolve("cache"),
        GatewayClasspath.ofThisJvm());
    v3Tar = shared.resolve("v3.tar");
    v3 = builder.build(spec(TestBundles.xgboost(shared, "credit", 3), v3Tar, Optional.empty()));
  }

  private static ImageSpec spec(Path bundle, Path tar, Optional<String> push) {
    return new ImageSpec(bundle, tar, "kiln/credit:test", Optional.empty(), push, 8080);
  }

  @Test
  void twoBuildsOfTheSameBundleGiveOneDigestAndANewVersionChangesOnlyTheLastLayer() throws IOException {
    Path other = Files.createDirectories(dir.resolve("again"));
    BuiltImage again = builder.build(spec(TestBundles.xgboost(other, "credit", 3), dir.resolve("again.tar"),
        Optional.empty()));
    assertThat(again.digest()).isEqualTo(v3.digest());
    BuiltImage v4 = builder.build(spec(TestBundles.xgboost(dir, "credit", 4), dir.resolve("v4.tar"), Optional.empty()));
    assertThat(v4.layers()).extracting(BuiltImage.Layer::name).containsExactly("runtime", "libraries", "kiln", "bundle");
    assertThat(v4.layers().subList(0, 3)).isEqualTo(v3.layers().subList(0, 3));
    assertThat(v4.layers().get(3).digest()).isNotEqualTo(v3.layers().get(3).digest());
    assertThat(v4.digest()).isNotEqualTo(v3.digest());
  }

  @Test
  void skopeoReadsTheConfigLabelsAndLayersBack() throws Exception {
    Tools.require("skopeo");
    JsonNode config = JSON.readTree(Tools.run(List.of("skopeo", "inspect", "--config", "oci-archive:" + v3Tar)));
    JsonNode c = config.get("config");
    assertThat(c.get("User").asText()).isEqualTo("65532:65532");
    assertThat(c.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(c.get("Entrypoint").toString()).contains("dev.kiln.serve.GatewayMain", "/app/bundle");
    assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("credit");
    assertThat(c.get("Labels").get("org.opencontainers.image.version").asText()).isEqualTo("3");
    assertThat(c.get("Labels").get("org.opencontainers.image.revision").asText()).startsWith("0123456789abcdef");
    assertThat(c.get("Labels").get("dev.kiln.run").asText()).isEqualTo("run-3");
    JsonNode inspect = JSON.readTree(Tools.run(List.of("skopeo", "inspect", "oci-archive:" + v3Tar)));
    assertThat(inspect.get("Layers")).hasSize(4);
    assertThat(inspect.get("Layers").get(3).asText()).isEqualTo(v3.layers().get(3).digest());
  }

  @Test
  void umociUnpacksALayoutWithTheRuntimeTheJarsTheLibrariesAndTheBundle() throws Exception {
    Path rootfs = unpack(v3Tar, dir);
    assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
    assertThat(rootfs.resolve("opt/java/lib/modules")).isRegularFile();
    assertThat(rootfs.resolve("app/bundle/MANIFEST.sha256")).isRegularFile();
    assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).isRegularFile();
    try (var s = Files.list(rootfs.resolve("app/lib"))) {
      List<String> jars = s.map(p -> p.getFileName().toString()).toList();
      assertThat(jars).anyMatch(j -> j.startsWith("javalin")).anyMatch(j -> j.startsWith("kiln-serve"))
          .noneMatch(j -> j.startsWith("xgboost4j")).noneMatch(j -> j.startsWith("scala-library"))
          .noneMatch(j -> j.startsWith("onnxruntime")).noneMatch(j -> j.startsWith("duckdb"))
          .noneMatch(j -> j.startsWith("picocli"));
    }
    String modules = Files.readString(rootfs.resolve("opt/java/release"));
    assertThat(modules).contains("java.base").doesNotContain("java.desktop").doesNotContain("jdk.compiler");
  }

  @Test
  void theImageRunsOnABareRootFileSystemAsItsUserAndAnswersAPrediction() throws Exception {
    runsAndPredicts(v3Tar, dir);
  }

  @Test
  void onABaseTarballOciOrDockerTheBaseLayersComeFirstAndTheImageRuns() throws Exception {
    Tools.require("skopeo");
    Path docker = dir.resolve("base-docker.tar");
    Tools.run(List.of("skopeo", "copy", "oci-archive:" + v3Tar, "docker-archive:" + docker + ":base:1"));
    for (Path base : List.of(v3Tar, docker)) {
      Path tar = dir.resolve("on-" + base.getFileName());
      BuiltImage on = builder.build(new ImageSpec(TestBundles.xgboost(Files.createDirectories(dir.resolve("b-"
          + base.getFileName())), "credit", 6), tar, "kiln/credit:6", Optional.of(base.toString()), Optional.empty(), 8080));
      assertThat(on.layers()).extracting(BuiltImage.Layer::name)
          .containsExactly("base", "base", "base", "base", "runtime", "libraries", "kiln", "bundle");
      assertThat(on.layers().subList(0, 4)).extracting(BuiltImage.Layer::digest)
          .isEqualTo(v3.layers().stream().map(BuiltImage.Layer::digest).toList());
      JsonNode config = JSON.readTree(Tools.run(List.of("skopeo", "inspect", "--config", "oci-archive:" + tar)));
      assertThat(config.get("config").get("Labels").get("org.opencontainers.image.base.name").asText())
          .isEqualTo(base.toString());
      assertThat(config.get("config").get("Env").toString()).contains("LD_LIBRARY_PATH=/opt/java/lib:/opt/kiln/lib");
    }
    runsAndPredicts(dir.resolve("on-" + v3Tar.getFileName()), Files.createDirectories(dir.resolve("run-on-base")));
  }

  /** Unpacks the image with umoci, starts its entry point under chroot as its user, and asks for a prediction. */
  private static void runsAndPredicts(Path tar, Path dir) throws Exception {
    Path rootfs = unpack(tar, dir);
    JsonNode process = JSON.readTree(dir.resolve("unpacked/config.json").toFile()).get("process");
    assertThat(process.get("user").get("uid").asInt()).isEqualTo(65532);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of("chroot", "--userspec=65532:65532", rootfs.toString()));
    process.get("args").forEach(a -> cmd.add(a.asText()));
    cmd.set(cmd.size() - 1, Integer.toString(port));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
    pb.environment().clear();
    process.get("env").forEach(e -> {
      String[] kv = e.asText().split("=", 2);
      pb.environment().put(kv[0], kv[1]);
    });
    Process p = pb.start();
    try {
      awaitReady(p, dir.resolve("log"));
      String body = "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"debt_ratio\", \"accounts\"], "
          + "\"data\": [[34.0, 51.93, 0.049, 7.0]]}, \"params\": {\"predict\": \"probabilities\"}}";
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/invocations")).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("predictions").get(0).get(1).asDouble())
          .isCloseTo(0.8965458273887634, within(1e-6));
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  @Test
  void aTamperedBundleIsRefusedNamingTheFileAndNoImageIsWritten() throws IOException {
    Path bundle = TestBundles.xgboost(dir, "credit", 5);
    Files.writeString(bundle.resolve("model/model.json"), "{}");
    assertThatThrownBy(() -> builder.build(spec(bundle, dir.resolve("t.tar"), Optional.empty())))
        .hasMessageContaining("model/model.json was changed");
    assertThat(dir.resolve("t.tar")).doesNotExist();
  }

  @Test
  void pushingToARegistryOnLoopbackStoresTheImageUnderItsDigest() throws Exception {
    Tools.require("skopeo");
    Tools.require("docker-registry");
    try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
      String ref = registry.address() + "/kiln/credit:3";
      BuiltImage pushed = builder.build(spec(TestBundles.xgboost(dir, "credit", 3), dir.resolve("p.tar"),
          Optional.of(ref)));
      assertThat(pushed.pushedDigest()).contains(v3.digest());
      JsonNode remote = JSON.readTree(Tools.run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + ref)));
      assertThat(remote.get("Digest").asText()).isEqualTo(v3.digest());
      assertThat(remote.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("credit");
    }
  }

  private static Path unpack(Path tar, Path dir) throws Exception {
    Tools.require("skopeo");
    Tools.require("umoci");
    Tools.run(List.of("skopeo", "copy", "oci-archive:" + tar, "oci:" + dir.resolve("layout") + ":v3"));
    Tools.run(List.of("umoci", "unpack", "--image", dir.resolve("layout") + ":v3", dir.resolve("unpacked").toString()));
    return dir.resolve("unpacked/rootfs");
  }

  private static void awaitReady(Process p, Path log) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end && p.isAlive()) {
      if (Files.readString(log).contains("kiln gateway ready on")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the gateway did not start in the image: " + Files.readString(log));
  }

}
