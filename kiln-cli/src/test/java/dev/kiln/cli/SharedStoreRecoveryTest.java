package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two checkouts of one pipeline on one PostgreSQL store: recovery only claims runs whose owner is gone. */
class SharedStoreRecoveryTest {
  @TempDir
  Path tmp;

  static final String PIPELINE = """
      stages:
        long: {run: "echo $$ > long.pid; sleep 60; echo done > out.txt", deps: [in.txt], outs: [out.txt]}
      """;

  @Test
  void aRunInOneCheckoutLeavesTheOtherCheckoutsLiveRunAloneAndClaimsItOnceItsProcessIsGone() throws Exception {
    String db = TestDatabases.freshPostgresSchema();
    TestProject a = checkout("a");
    TestProject b = checkout("b");
    Process running = a.start("--db", db, "run");
    a.awaitFile("long.pid", 60_000);

    b.file("kiln.yaml", "kiln: 1\npipeline: test\nstages:\n  quick: {run: 'true'}\n");
    TestProject.Result other = b.kiln("--db", db, "run");
    assertThat(other.exit()).as(other.toString()).isZero();
    assertThat(other.err()).doesNotContain("marked as interrupted");
    assertThat(b.kiln("--db", db, "runs").out()).contains("running");
    assertThat(b.kiln("--db", db, "runs", "--json").out()).doesNotContain("abandoned");
    assertThat(running.isAlive()).as("the first checkout's run goes on").isTrue();

    running.destroyForcibly();
    assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
    ProcessHandle.of(Long.parseLong(a.read("long.pid").trim())).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(b.kiln("--db", db, "runs").out()).contains("stopped", "did not finish: its process (pid");
    TestProject.Result after = b.kiln("--db", db, "run");
    assertThat(after.err()).contains("run 1 did not finish (its process (pid " + running.pid(), "marked as interrupted");
    assertThat(b.kiln("--db", db, "runs").out()).contains("interrupted");
  }

  private TestProject checkout(String name) throws Exception {
    TestProject p = new TestProject(Files.createDirectories(tmp.resolve(name)));
    p.file("in.txt", "x\n");
    p.pipeline(PIPELINE);
    return p;
  }
}
