package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashAndConcurrencyTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
    p.file("data.csv", "x\n1\n");
  }

  @Test
  void sigtermStopsTheChildProcessesAndRecordsTheRunAsCancelled() throws Exception {
    p.pipeline("""
        stages:
          long: {run: "echo $$ > long.pid; sleep 60", deps: [data.csv], outs: [never.txt]}
        """);
    Process kiln = p.start("run");
    p.awaitFile("long.pid", 30_000);
    long child = Long.parseLong(p.read("long.pid").trim());
    kiln.destroy();
    assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("stage process stopped").isFalse();
    TestProject.Result show = p.kiln("show", "--json");
    assertThat(show.out()).contains("\"status\" : \"cancelled\"");
  }

  @Test
  void afterKillDashNineTheNextRunMarksTheOldRunInterruptedAndRunsOnlyWhatIsNeeded() throws Exception {
    p.pipeline("""
        stages:
          fast: {run: "echo f >> fast.log; cp data.csv fast.txt", deps: [data.csv], outs: [fast.txt]}
          slow:
            run: "echo partial > model.txt; echo $$ > slow.pid; sleep 60; echo complete > model.txt"
            deps: [fast.txt]
            outs: [model.txt]
        """);
    Process kiln = p.start("run");
    p.awaitFile("slow.pid", 30_000);
    kiln.destroyForcibly();
    kiln.waitFor(30, TimeUnit.SECONDS);
    ProcessHandle.of(Long.parseLong(p.read("slow.pid").trim())).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(p.read("model.txt")).isEqualTo("partial\n");

    p.pipeline("""
        stages:
          fast: {run: "echo f >> fast.log; cp data.csv fast.txt", deps: [data.csv], outs: [fast.txt]}
          slow: {run: "echo complete > model.txt", deps: [fast.txt], outs: [model.txt]}
        """);
    TestProject.Result again = p.kiln("run");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.err()).contains("run 1 did not finish", "marked as interrupted");
    assertThat(again.out()).contains("= fast: up to date", "▶ slow: running");
    assertThat(p.read("model.txt")).isEqualTo("complete\n");
    assertThat(p.count("fast.log")).isEqualTo(1);
    assertThat(p.kiln("runs").out()).contains("interrupted");
    assertThat(p.kiln("show", "1", "--json").out()).contains("\"stage\" : \"slow\"", "\"status\" : \"interrupted\"");
  }

  @Test
  void aSecondConcurrentRunRefusesWithAClearMessageOrWaits() throws Exception {
    p.pipeline("""
        stages:
          hold: {run: "echo started > started; sleep 8", always-run: true}
        """);
    Process first = p.start("run");
    p.awaitFile("started", 30_000);
    TestProject.Result refused = p.kiln("run");
    assertThat(refused.exit()).isEqualTo(ExitCodes.BUSY);
    assertThat(refused.err()).contains("another kiln run is in progress on this project (pid", "--wait");
    TestProject.Result waited = p.kiln("run", "--wait", "60s", "-q");
    assertThat(waited.exit()).as(waited.toString()).isZero();
    assertThat(waited.err()).contains("waiting for the run held by pid");
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(integrityCheck()).isEqualTo("ok");
    assertThat(p.kiln("runs", "--json").out()).contains("\"id\" : 1", "\"id\" : 2");
  }

  @Test
  void aCorruptedCacheObjectIsReportedAndTheStageRunsInstead() throws Exception {
    p.file("params.yaml", "v: 1\n");
    p.pipeline("""
        stages:
          make: {run: "echo made >> runs.log; echo v$KILN_PARAM_V > out.txt", deps: [data.csv], params: [v], outs: [out.txt]}
        """);
    p.kiln("run");
    Path object = p.dir.resolve(".kiln/objects").resolve(digestOf("v1\n").substring(0, 2)).resolve(digestOf("v1\n").substring(2));
    assertThat(object).exists();
    object.toFile().setWritable(true);
    Files.writeString(object, "tampered\n");
    p.file("params.yaml", "v: 2\n");
    p.kiln("run");
    p.file("params.yaml", "v: 1\n");
    TestProject.Result r = p.kiln("run");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("cached result unusable", "is corrupted");
    assertThat(p.read("out.txt")).isEqualTo("v1\n");
    assertThat(p.count("runs.log")).isEqualTo(3);
  }

  @Test
  void gcDeletesOnlyObjectsNoRecordReferences() throws Exception {
    p.pipeline("stages:\n  make: {run: 'mkdir -p m; echo w > m/w', deps: [data.csv], outs: [m]}\n");
    p.kiln("run");
    Path stray = p.dir.resolve(".kiln/objects/ab/" + "c".repeat(62));
    Files.createDirectories(stray.getParent());
    Files.writeString(stray, "orphan");
    TestProject.Result dry = p.kiln("gc", "--dry-run");
    assertThat(dry.out()).contains("would delete sha256:ab" + "c".repeat(62), "Would delete 1 object");
    assertThat(stray).exists();
    TestProject.Result gc = p.kiln("gc");
    assertThat(gc.out()).contains("Deleted 1 object", "kept 2 referenced");
    assertThat(stray).doesNotExist();
    Files.delete(p.dir.resolve("m/w"));
    assertThat(p.kiln("run").out()).contains("restored from cache");
    assertThat(p.read("m/w")).isEqualTo("w\n");
  }

  @Test
  void gcKeepsTheArtifactsOfModelsRegisteredByHand() throws Exception {
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    p.file("hand/weights", "hand-made");
    assertThat(p.kiln("models", "register", p.dir.resolve("hand").toString(), "--name", "hand").exit()).isZero();
    TestProject.Result gc = p.kiln("gc");
    assertThat(gc.out()).contains("Deleted 0 objects", "kept 2 referenced");
    java.nio.file.Files.delete(p.dir.resolve("hand/weights"));
    assertThat(p.kiln("evaluate", "hand:1", "x.csv", "--label", "y").err()).doesNotContain("not in this project's artifact store");
    assertThat(p.dir.resolve(".kiln/models/hand/1/hand/weights")).hasContent("hand-made");
  }

  private static String digestOf(String s) {
    return dev.kiln.core.hash.Digest.ofBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
  }

  private String integrityCheck() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.dir.resolve(".kiln/kiln.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
