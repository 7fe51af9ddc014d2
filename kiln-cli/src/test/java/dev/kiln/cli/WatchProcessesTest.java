package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import dev.kiln.store.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code kiln watch} processes: killed with -9 and restarted, stopped with SIGTERM, and busy when triggers fire. */
class WatchProcessesTest {
  @TempDir
  Path tmp;
  TestProject p;
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void project() {
    p = new TestProject(tmp);
  }

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process proc : started) {
      proc.destroyForcibly();
      proc.waitFor(10, TimeUnit.SECONDS);
    }
  }

  Process watch(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("watch", "--interval", "200ms"));
    args.addAll(List.of(extra));
    Process proc = p.start(args.toArray(String[]::new));
    started.add(proc);
    return proc;
  }

  List<RunRecord> runs() {
    try (MetadataStore s = MetadataStore.open(MetadataStore.sqliteUrl(tmp), tmp)) {
      return s.runs().runs("test", 100);
    }
  }

  static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Waits until a watch printed {@code text}; fails with everything the watches printed. */
  void awaitOutput(String text) throws Exception {
    try {
      await("a watch printed '" + text + "'", 60_000, () -> {
        try {
          return output().contains(text);
        } catch (IOException e) {
          return false;
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the watches printed:\n" + output(), e);
    }
  }

  String output() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(tmp)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("kiln-")).sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  boolean finishedRuns(int n) {
    List<RunRecord> r = runs();
    return r.size() >= n && r.stream().allMatch(x -> x.status() != RunStatus.RUNNING);
  }

  @Test
  void aWatchKilledWithDashNineAndRestartedTriggersNothingTwiceAndMissesNothing() throws Exception {
    p.file(".gitignore", ".kiln/\nkiln-*.out\n");
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  push: {paths: [\"data/**\"]}\n  data: [data/train.csv]\n"
        + "stages:\n  train: {run: 'cat data/train.csv > /dev/null', deps: [data/train.csv]}\n");
    WatchOnceTest.gitInit(tmp);
    WatchOnceTest.commit(tmp, "first");
    Process first = watch();
    awaitOutput("push: watching branch main");
    awaitOutput("data: watching data/train.csv");
    p.file("data/train.csv", "x\n2\n");
    WatchOnceTest.commit(tmp, "new data");
    await("run 1 finished", 60_000, () -> finishedRuns(1));
    Thread.sleep(1000);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(runs()).hasSize(1);

    p.file("README.md", "written while no watch ran\n");
    WatchOnceTest.commit(tmp, "docs only");
    Process second = watch();
    awaitOutput("no watched path changed (added README.md) -> ignored");
    Thread.sleep(1000);
    assertThat(runs()).as(output()).hasSize(1);

    p.file("data/train.csv", "x\n3\n");
    WatchOnceTest.commit(tmp, "more data");
    second.destroyForcibly();
    assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Process third = watch();
    await("the commit made while no watch ran started run 2", 60_000, () -> finishedRuns(2));
    Thread.sleep(2000);
    List<RunRecord> all = runs();
    assertThat(all).as(output()).hasSize(2);
    assertThat(all.get(0).cause()).contains("push ", ": modified data/train.csv").doesNotContain("2 commits");
    third.destroy();
    assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void oneWatchPerProjectAndSigtermCancelsTheCurrentRunAsKilnRunDoesAndStops() throws Exception {
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  data: [data/train.csv]\n"
        + "stages:\n  train: {run: 'echo $$ > leader.pid; sleep 60', deps: [data/train.csv]}\n");
    Process w = watch();
    awaitOutput("data: watching data/train.csv");
    TestProject.Result second = p.kiln("watch", "--once");
    assertThat(second.exit()).isEqualTo(4);
    assertThat(second.err()).contains("another kiln watch is watching this project (pid " + w.pid() + ")");
    p.file("data/train.csv", "x\n2\n");
    p.awaitFile("leader.pid", 60_000);
    long leader = Long.parseLong(p.read("leader.pid").trim());
    w.destroy();
    assertThat(w.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(w.exitValue()).isEqualTo(143);
    RunRecord run = runs().get(0);
    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.trigger()).isEqualTo("data");
    assertThat(CancelSignalsTest.Procs.inSession(leader)).isEmpty();
    assertThat(output()).contains("data: modified data/train.csv -> run 1", "cancelling the current run");
  }

  @Test
  void whatFiresDuringARunWaitsAsOneQueuedRun() throws Exception {
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  data: [data/train.csv]\n"
        + "stages:\n  train: {run: 'echo started >> started.log; while [ ! -f release ]; do sleep 0.05; done', "
        + "deps: [data/train.csv]}\n");
    watch();
    awaitOutput("data: watching data/train.csv");
    p.file("data/train.csv", "x\n2\n");
    await("run 1 started its stage", 60_000, () -> p.exists("started.log"));
    p.file("data/train.csv", "x\n3\n");
    await("a request waits", 60_000, this::oneWaiting);
    p.file("data/train.csv", "x\n4\n");
    await("the second change joined it", 60_000, () -> {
      try {
        return output().split("-> queued", -1).length == 3;
      } catch (IOException e) {
        return false;
      }
    });
    assertThat(runs()).hasSize(1);
    p.file("release", "go\n");
    await("run 2 finished", 60_000, () -> finishedRuns(2));
    Thread.sleep(1500);
    assertThat(runs()).as(output()).hasSize(2);
    assertThat(p.count("started.log")).isEqualTo(2);
  }

  private boolean oneWaiting() {
    try (MetadataStore s = MetadataStore.open(MetadataStore.sqliteUrl(tmp), tmp)) {
      return s.runQueue().waiting("test").isPresent();
    }
  }

  @Test
  void kilnRunInsideGithubActionsRecordsTheJobsUrlCommitBranchAndPullRequest() throws Exception {
    p.pipeline("stages:\n  s: {run: 'true'}\n");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.kiln.cli.Main", "-C", tmp.toString(), "run", "--trigger",
        "push"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("ci.out").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("CI_") || k.startsWith("CIRCLE")
        || k.equals("GITLAB_CI") || k.equals("JENKINS_URL"));
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY",
        "acme/credit", "GITHUB_RUN_ID", "991", "GITHUB_SHA", "0123456789abcdef", "GITHUB_REF", "refs/pull/17/merge",
        "GITHUB_REF_NAME", "17/merge", "GITHUB_HEAD_REF", "feature/new-data", "GITHUB_EVENT_NAME", "pull_request"));
    Process run = pb.start();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(Files.readString(tmp.resolve("ci.out"))).isZero();
    String json = p.kiln("show", "--json").out();
    assertThat(json).contains("\"trigger\" : \"push\"", "\"system\" : \"github-actions\"",
        "\"url\" : \"https://github.com/acme/credit/actions/runs/991\"", "\"commit\" : \"0123456789abcdef\"",
        "\"branch\" : \"feature/new-data\"", "\"pull_request\" : \"17\"");
    assertThat(p.kiln("show").out()).contains("ci        github-actions https://github.com/acme/credit/actions/runs/991 "
        + "(pull request 17), built 0123456789ab on feature/new-data");
  }
}
