package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone entry point as an image runs it: its own JVM, on a classpath without DuckDB,
 * the CLI, XGBoost4J, or the backends the model does not use; it says when it is ready, drains a
 * request in flight on SIGTERM and exits 0, and refuses a corrupted bundle without starting.
 */
class GatewayMainTest {
  private static final String BODY = "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"debt_ratio\", "
      + "\"accounts\"], \"data\": [[41, 52.5, 0.3, 4]]}}";

  @TempDir
  Path dir;

  /** The test classpath (which has no XGBoost4J) less DuckDB, ONNX Runtime, Tribuo and the test libraries. */
  private static String leanClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.matches(".*(duckdb|onnxruntime|tribuo|picocli|jgit|junit|jqwik|assertj).*"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private Process start(Path bundle, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + dir.resolve("classes.log"), "-cp", leanClasspath(), "dev.kiln.serve.GatewayMain", "--bundle", bundle.toString(), "--port", "0", "--host",
        "127.0.0.1"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int awaitReady(Process p, Path log) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end && p.isAlive()) {
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith("kiln gateway ready on http://127.0.0.1:")) {
          return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not ready: " + Files.readString(log));
  }

  @Test
  void servesAnXgboostBundleWithoutDuckdbOnnxRuntimeTribuoOrXgboost4jAndDrainsOnSigterm() throws Exception {
    assertThat(System.getProperty("java.class.path")).as("kiln-serve does not depend on XGBoost4J")
        .doesNotContain("xgboost4j");
    assertThat(leanClasspath()).doesNotContain("onnxruntime").doesNotContain("duckdb");
    Path log = dir.resolve("gateway.log");
    Process p = start(TestBundles.xgboost(dir, "credit", 3), log);
    int port = awaitReady(p, log);
    assertThat(RawHttp.send(port, "GET", "/v2/health/ready", java.util.Map.of(), new byte[0]).status()).isEqualTo(200);
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, 10);
      out.flush();
      Thread.sleep(300);
      p.destroy();
      Thread.sleep(500);
      assertThat(p.isAlive()).as("waits for the request in flight").isTrue();
      out.write(body, 10, body.length - 10);
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("X-Kiln-Model-Version: 3").contains("{\"predictions\":[");
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("serving credit:3 (xgboost").contains("kiln gateway: stopped");
    String loaded = Files.readString(dir.resolve("classes.log"));
    assertThat(loaded).as("the Java predictor served it").contains("dev.kiln.model.xgboost.TreeEnsemble ")
        .doesNotContain("ml.dmlc");
  }

  @Test
  void aCorruptedBundleIsRefusedNamingTheFileAndTheGatewayDoesNotStart() throws Exception {
    Path bundle = TestBundles.xgboost(dir, "credit", 3);
    Files.writeString(bundle.resolve("lineage.json"), "{\"forged\": true}\n");
    Path log = dir.resolve("gateway.log");
    Process p = start(bundle, log);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(log)).contains("lineage.json was changed").doesNotContain("ready on")
        .doesNotContain("\tat ");
  }

  @Test
  void badArgumentsAreAUsageErrorWithTheUsage() throws Exception {
    Path log = dir.resolve("gateway.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        leanClasspath(), "dev.kiln.serve.GatewayMain", "--port", "eighty").redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("--port takes a whole number").contains("usage: GatewayMain --bundle");
  }
}
