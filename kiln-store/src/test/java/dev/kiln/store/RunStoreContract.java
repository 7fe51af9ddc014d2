package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.hash.CachedHash;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.StageOutput;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunStatus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history and hash cache contract; runs against SQLite and PostgreSQL (subclasses). */
abstract class RunStoreContract {
  static final RunOwner OWNER = new RunOwner("build-7", 4242, Instant.ofEpochMilli(777_000));
  @TempDir
  Path project;
  String url;

  abstract String url(Path dir);

  MetadataStore open() {
    if (url == null) {
      url = url(project);
    }
    return MetadataStore.open(url, project);
  }

  @Test
  void aRunAndItsExecutionsRoundTrip() {
    Digest d = Digest.ofBytes("x".getBytes());
    try (MetadataStore s = open()) {
      long run = s.runs().startRun(new NewRun("p", "manual", new GitState("abc", "main", true), "{\"a\":1}",
          "0.1", "host", Instant.ofEpochMilli(1000), List.of("train"), OWNER));
      long exec = s.runs().startExecution(run, "train", Instant.ofEpochMilli(1100));
      ExecutionRecord r = new ExecutionRecord(exec, run, "train", ExecStatus.SUCCEEDED, "ran: never run", "f".repeat(64),
          "{}", Instant.ofEpochMilli(1100), Instant.ofEpochMilli(1600), 500, 420, 1 << 20, 0, ".kiln/runs/1/train.log", 1,
          null, Map.of("auc", 0.8), List.of(new Output("model", Output.Kind.DIRECTORY, d, 10, 2)), List.of("note"),
          new StageOutput("gate-verdict", "{\"blessed\":true}"));
      s.runs().finishExecution(r);
      s.runs().finishRun(run, RunStatus.SUCCEEDED, "1 ran", Instant.ofEpochMilli(2000));
    }
    try (MetadataStore s = open()) {
      var run = s.runs().runs("p", 10).get(0);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.git()).isEqualTo(new GitState("abc", "main", true));
      assertThat(run.targets()).containsExactly("train");
      assertThat(run.owner()).contains(OWNER);
      ExecutionRecord e = s.runs().lastResult("p", "train").orElseThrow();
      assertThat(e.metrics()).containsEntry("auc", 0.8);
      assertThat(e.outputs()).singleElement().extracting(Output::digest).isEqualTo(d);
      assertThat(e.details()).containsExactly("note");
      assertThat(e.output()).isEqualTo(new StageOutput("gate-verdict", "{\"blessed\":true}"));
      assertThat(e.cpuMillis()).isEqualTo(420);
      assertThat(s.runs().resultsWithFingerprint("p", "train", "f".repeat(64))).hasSize(1);
      assertThat(s.runs().referencedObjects()).containsOnlyKeys(d).containsValue(Output.Kind.DIRECTORY);
    }
  }

  @Test
  void aRunKeepsItsOwnerAndLeaseAndIsInterruptedOnce() {
    try (MetadataStore s = open()) {
      long run = s.runs().startRun(new NewRun("p", "manual", GitState.NONE, "{}", "0.1", "h", Instant.ofEpochMilli(5000),
          List.of(), OWNER));
      s.runs().startExecution(run, "a", Instant.now());
      assertThat(s.runs().running("p")).singleElement().satisfies(r -> {
        assertThat(r.owner()).contains(OWNER);
        assertThat(r.heartbeat()).contains(Instant.ofEpochMilli(5000));
      });
      s.runs().heartbeat(run, Instant.ofEpochMilli(9000));
      assertThat(s.runs().running("p").get(0).heartbeat()).contains(Instant.ofEpochMilli(9000));
      assertThat(s.runs().interrupt(run, "gone", Instant.now())).isTrue();
      assertThat(s.runs().interrupt(run, "gone again", Instant.now())).as("only once").isFalse();
      assertThat(s.runs().running("p")).isEmpty();
      assertThat(s.runs().run(run).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(s.runs().executions(run)).singleElement().extracting(ExecutionRecord::status)
          .isEqualTo(ExecStatus.INTERRUPTED);
      assertThat(s.runs().lastResult("p", "a")).isEmpty();
    }
  }

  @Test
  void theHashCacheReturnsADirectorysEntriesByPrefixOnly() {
    try (MetadataStore s = open()) {
      s.hashes().save(List.of(new CachedHash("data/a", 1, 2, 3, "a".repeat(64)),
          new CachedHash("data/sub/b", 1, 2, 3, "b".repeat(64)),
          new CachedHash("data2/c", 1, 2, 3, "c".repeat(64)),
          new CachedHash("data", 1, 2, 3, "d".repeat(64))));
      assertThat(s.hashes().under("data").keySet()).containsExactlyInAnyOrder("data", "data/a", "data/sub/b");
      assertThat(s.hashes().under(".")).hasSize(4);
      s.hashes().save(List.of(new CachedHash("data/a", 9, 9, 9, "e".repeat(64))));
      assertThat(s.hashes().under("data/a").get("data/a").size()).isEqualTo(9);
    }
  }

  private static long runWithOneStage(MetadataStore s, String pipeline, long at, String metric) {
    long run = s.runs().startRun(new NewRun(pipeline, "manual", GitState.NONE, "{}", "0.1", "h", Instant.ofEpochMilli(at),
        List.of(), OWNER));
    long exec = s.runs().startExecution(run, "train", Instant.ofEpochMilli(at));
    s.runs().finishExecution(new ExecutionRecord(exec, run, "train", ExecStatus.SUCCEEDED, "ran", "f", "{}",
        Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + 10), 10, 5, 1000, 0, null, 1, null, Map.of(metric, 1.0),
        List.of(new Output("out/" + metric, Output.Kind.FILE, Digest.ofBytes(metric.getBytes()), 1, 1)), List.of(),
        StageOutput.NONE));
    s.runs().finishRun(run, RunStatus.SUCCEEDED, "1 ran", Instant.ofEpochMilli(at + 20));
    return run;
  }

  @Test
  void runsAndExecutionsSinceATimeComeOldestFirstWithTheirMetricsAndOutputs() {
    try (MetadataStore s = open()) {
      runWithOneStage(s, "p", 1_000, "old");
      long p2 = runWithOneStage(s, "p", 5_000, "auc");
      long q = runWithOneStage(s, "q", 6_000, "mae");
      long p3 = runWithOneStage(s, "p", 7_000, "f1");
      Instant since = Instant.ofEpochMilli(5_000);
      assertThat(s.runs().runsSince(since, java.util.Optional.empty())).extracting(r -> r.id())
          .containsExactly(p2, q, p3);
      assertThat(s.runs().runsSince(since, java.util.Optional.of("p"))).extracting(r -> r.id()).containsExactly(p2, p3);
      List<ExecutionRecord> execs = s.runs().executionsSince(since, java.util.Optional.of("p"));
      assertThat(execs).extracting(ExecutionRecord::runId).containsExactly(p2, p3);
      assertThat(execs.get(0).metrics()).containsOnlyKeys("auc");
      assertThat(execs.get(1).outputs()).singleElement().extracting(Output::path).isEqualTo("out/f1");
      assertThat(execs.get(1).cpuMillis()).isEqualTo(5);
      assertThat(s.runs().executionsSince(since, java.util.Optional.empty())).hasSize(3);
      assertThat(s.runs().pipelines()).containsExactly("p", "q");
    }
  }
}
