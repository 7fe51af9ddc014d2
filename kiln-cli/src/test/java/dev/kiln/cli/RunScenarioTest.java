package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunScenarioTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
    p.file("params.yaml", "train:\n  lr: 0.1\n");
    p.file("data/raw.csv", "x\n1\n2\n");
  }

  TestProject.Result run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return p.kiln(all);
  }

  @Test
  void runsStagesInDependencyOrderAndIndependentOnesInParallel() throws IOException {
    String stamp = "date +%s%N >> ";
    p.pipeline("""
        stages:
          a: {run: "%1$s t/a.start; sleep 1; %1$s t/a.end", outs: [t/a.end]}
          b: {run: "%1$s t/b.start; sleep 1; %1$s t/b.end", outs: [t/b.end]}
          c: {run: "%1$s t/c.start", needs: [a, b], outs: [t/c.start]}
        """.formatted(stamp));
    p.file("t/.keep", "");
    TestProject.Result r = run("-j", "2", "-q");
    assertThat(r.exit()).as(r.toString()).isZero();
    long aStart = stamp("t/a.start");
    long bStart = stamp("t/b.start");
    long aEnd = stamp("t/a.end");
    long bEnd = stamp("t/b.end");
    long cStart = stamp("t/c.start");
    assertThat(Math.max(aStart, bStart)).as("a and b overlap").isLessThan(Math.min(aEnd, bEnd));
    assertThat(cStart).as("c starts after a and b end").isGreaterThan(Math.max(aEnd, bEnd));
  }

  @Test
  void withOneJobIndependentStagesDoNotOverlap() throws IOException {
    p.pipeline("""
        stages:
          a: {run: "date +%s%N > t/a.start; sleep 0.3; date +%s%N > t/a.end", outs: [t/a.start, t/a.end]}
          b: {run: "date +%s%N > t/b.start; sleep 0.3; date +%s%N > t/b.end", outs: [t/b.start, t/b.end]}
        """);
    p.file("t/.keep", "");
    assertThat(run("-j", "1", "-q").exit()).isZero();
    boolean aFirst = stamp("t/a.start") < stamp("t/b.start");
    assertThat(aFirst ? stamp("t/b.start") : stamp("t/a.start"))
        .as("the second stage starts after the first ends")
        .isGreaterThan(aFirst ? stamp("t/a.end") : stamp("t/b.end"));
  }

  private long stamp(String file) throws IOException {
    return Long.parseLong(p.read(file).trim());
  }

  @Test
  void aSecondRunSkipsStagesThatAreUpToDate() throws IOException {
    p.pipeline("""
        stages:
          prepare: {run: "echo x >> runs.log; cp data/raw.csv prepared.csv", deps: [data/raw.csv], outs: [prepared.csv]}
          train: {run: "echo y >> runs.log; cat prepared.csv > model.txt", deps: [prepared.csv], params: [train.lr], outs: [model.txt]}
        """);
    assertThat(run().exit()).isZero();
    TestProject.Result second = run();
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("= prepare: up to date", "= train: up to date", "2 up to date");
    assertThat(p.count("runs.log")).isEqualTo(2);
  }

  @Test
  void revertingAParamRestoresTheEarlierResultFromTheCacheWithoutRunning() throws IOException {
    p.pipeline("""
        stages:
          train:
            run: echo run >> runs.log; echo "model lr=$KILN_PARAM_TRAIN_LR" > model.txt
            deps: [data/raw.csv]
            params: [train.lr]
            outs: [model.txt]
        """);
    assertThat(run().exit()).isZero();
    p.file("params.yaml", "train:\n  lr: 0.2\n");
    assertThat(run().exit()).isZero();
    assertThat(p.read("model.txt")).isEqualTo("model lr=0.2\n");
    p.file("params.yaml", "train:\n  lr: 0.1\n");
    TestProject.Result back = run();
    assertThat(back.out()).contains("↺ train: restored from cache (run 1): param train.lr: 0.2 → 0.1");
    assertThat(p.read("model.txt")).isEqualTo("model lr=0.1\n");
    assertThat(p.count("runs.log")).isEqualTo(2);
  }

  @Test
  void deletedOutputsAreRestoredFromTheCache() throws IOException {
    p.pipeline("""
        stages:
          train: {run: "echo run >> runs.log; mkdir -p model; echo w > model/weights", deps: [data/raw.csv], outs: [model]}
        """);
    run();
    TestProject.Result r = p.kiln("status");
    assertThat(r.out()).contains("up to date");
    java.nio.file.Files.delete(p.dir.resolve("model/weights"));
    assertThat(p.kiln("status").out()).contains("outs modified: model");
    TestProject.Result again = run();
    assertThat(again.out()).contains("restored from cache");
    assertThat(p.read("model/weights")).isEqualTo("w\n");
    assertThat(p.count("runs.log")).isEqualTo(1);
  }

  @Test
  void aFailedStageSkipsEverythingDownstreamAndFailsTheRun() throws IOException {
    p.pipeline("""
        stages:
          prepare: {run: "echo boom; exit 3"}
          train: {run: "echo never", needs: [prepare]}
          report: {run: "echo never", needs: [train]}
        """);
    TestProject.Result r = run();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("✘ prepare: failed", "command exited with code 3",
        "- train: skipped: upstream 'prepare' failed", "- report: skipped: upstream 'train' skipped");
    TestProject.Result show = p.kiln("show", "--json");
    assertThat(show.out()).contains("\"status\" : \"failed\"", "upstream 'prepare' failed");
  }

  @Test
  void keepGoingFinishesIndependentBranches() throws IOException {
    p.pipeline("""
        stages:
          bad: {run: "exit 1"}
          slow: {run: "sleep 0.5; echo done > slow.txt", outs: [slow.txt]}
          after-slow: {run: "echo ok > after.txt", deps: [slow.txt], outs: [after.txt]}
        """);
    TestProject.Result stop = run("-j", "1");
    assertThat(stop.exit()).isEqualTo(1);
    assertThat(stop.out()).contains("not started: stage 'bad' failed");
    assertThat(p.exists("after.txt")).isFalse();
    TestProject.Result go = run("-j", "1", "--keep-going");
    assertThat(go.exit()).isEqualTo(1);
    assertThat(p.exists("after.txt")).isTrue();
  }

  @Test
  void aFlakyStageSucceedsOnRetry() throws IOException {
    p.pipeline("""
        stages:
          flaky:
            run: echo try >> tries.log; test $(wc -l < tries.log) -ge 2
            retries: {count: 2, delay: 10ms}
            always-run: true
        """);
    TestProject.Result r = run();
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("attempt 1 of 3 failed (command exited with code 1); retrying", "succeeded on attempt 2");
    assertThat(p.count("tries.log")).isEqualTo(2);
  }

  @Test
  void aStageThatRunsTooLongIsStoppedAndFails() throws IOException {
    p.pipeline("""
        stages:
          slow: {run: "sleep 30", timeout: 500ms}
        """);
    long start = System.nanoTime();
    TestProject.Result r = run();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("timed out after 500ms");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void commandsSeeTheRunStageAndParamsInTheirEnvironment() throws IOException {
    p.pipeline("""
        stages:
          show:
            run: echo "$KILN_RUN_ID $KILN_STAGE $KILN_PARAM_TRAIN_LR $GREETING" > env.txt
            params: [train.lr]
            env: {GREETING: hi}
            outs: [env.txt]
        """);
    assertThat(run().exit()).isZero();
    assertThat(p.read("env.txt")).isEqualTo("1 show 0.1 hi\n");
  }

  @Test
  void aFalseConditionSkipsTheStageAndSaysWhy() throws IOException {
    p.pipeline("""
        stages:
          deploy: {run: "echo deploy > d.txt", if: "params.train.lr > 0.5", outs: [d.txt]}
          notify: {run: "echo hi", needs: [deploy]}
        """);
    TestProject.Result r = run();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("deploy: skipped: condition is false: params.train.lr > 0.5",
        "notify: skipped: upstream 'deploy' skipped");
    assertThat(p.exists("d.txt")).isFalse();
  }

  @Test
  void metricsAndJunitReportsBecomeTheStagesMetrics() throws IOException {
    p.pipeline("""
        stages:
          test:
            run: |
              mkdir -p reports out
              cat > reports/TEST-a.xml <<'XML'
              <testsuite name="a"><testcase classname="A" name="ok"/><testcase classname="A" name="broken"><failure message="expected 1 but was 2"/></testcase><testcase classname="A" name="later"><skipped/></testcase></testsuite>
              XML
              echo '{"auc": 0.81, "eval": {"f1": 0.5}}' > out/m.json
            deps: [data/raw.csv]
            metrics: out/m.json
            junit: reports/*.xml
        """);
    assertThat(run().exit()).isZero();
    TestProject.Result show = p.kiln("show");
    assertThat(show.out()).contains("auc", "0.81", "eval.f1", "tests.failed", "tests.passed",
        "failed test: A.broken: expected 1 but was 2");
  }

  @Test
  void aStageThatDoesNotWriteItsOutputsFails() throws IOException {
    p.pipeline("stages:\n  a: {run: 'true', deps: [data/raw.csv], outs: [never.txt]}\n");
    TestProject.Result r = run();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("outs not produced: never.txt");
  }

  @Test
  void outputIsSavedPerStageAndShownByLogs() throws IOException {
    p.pipeline("stages:\n  hello: {run: 'echo hello world; echo to stderr >&2'}\n");
    TestProject.Result r = run();
    assertThat(r.out()).contains("[hello] hello world", "[hello] to stderr");
    assertThat(p.kiln("logs", "1", "hello").out()).isEqualTo("hello world\nto stderr\n");
    assertThat(p.kiln("logs").out()).contains("==> hello (succeeded) <==", "hello world");
  }

  @Test
  void builtInStepsRunThroughTheStepSpi() throws IOException {
    p.pipeline("""
        stages:
          greet: {uses: test-echo, with: {text: hello, out: greeting.txt}}
          after: {run: "cat greeting.txt > copy.txt", deps: [greeting.txt], outs: [copy.txt]}
        """);
    TestProject.Result r = run();
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("[greet] echo: hello");
    assertThat(p.read("copy.txt")).isEqualTo("hello");
    assertThat(p.kiln("show").out()).contains("length");
    assertThat(run().out()).contains("= greet: up to date");
    assertThat(p.kiln("steps").out()).contains("test-echo");
  }

  @Test
  void aFailingStepFailsItsStageWithTheStepsReason() throws IOException {
    p.pipeline("stages:\n  greet: {uses: test-echo, with: {text: hi, out: g.txt, fail: true}}\n");
    TestProject.Result r = run();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("✘ greet: failed", "asked to fail");
  }

  @Test
  void dryRunSaysWhatWouldHappenAndChangesNothing() throws IOException {
    p.pipeline("""
        stages:
          prepare: {run: "cp data/raw.csv p.csv", deps: [data/raw.csv], outs: [p.csv]}
          train: {run: "cp p.csv m.txt", deps: [p.csv], outs: [m.txt]}
        """);
    TestProject.Result r = run("--dry-run");
    assertThat(r.out()).contains("prepare: would run: never run", "train: would run: upstream 'prepare' changed");
    assertThat(p.exists("p.csv")).isFalse();
    assertThat(p.kiln("runs").out()).contains("No runs yet");
  }

  @Test
  void namedStagesRunWithWhatTheyNeedAndDownstreamRunsWhatFollows() throws IOException {
    p.pipeline("""
        stages:
          a: {run: "echo a >> order.log", always-run: true}
          b: {run: "echo b >> order.log", needs: [a], always-run: true}
          c: {run: "echo c >> order.log", needs: [b], always-run: true}
        """);
    run("b");
    assertThat(p.read("order.log")).isEqualTo("a\nb\n");
    run("b", "--downstream");
    assertThat(p.read("order.log")).isEqualTo("a\nb\nb\nc\n");
    TestProject.Result bad = run("x");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown stage 'x'");
  }

  @Test
  void forceRunsUpToDateStagesAgain() throws IOException {
    p.pipeline("stages:\n  a: {run: 'echo a >> n.log; echo x > o.txt', deps: [data/raw.csv], outs: [o.txt]}\n");
    run();
    TestProject.Result r = run("--force");
    assertThat(r.out()).contains("forced (--force)");
    assertThat(p.count("n.log")).isEqualTo(2);
  }

  @Test
  void aStepsExportedVariablesReachTheCommandsOfEveryStageDownstreamAlsoWhenRestored() throws IOException {
    p.pipeline("""
        stages:
          deploy: {uses: test-echo, with: {text: "http://127.0.0.1:9999", out: url.txt, export: KILN_ENDPOINT_STAGING}}
          check:
            needs: [deploy]
            run: echo "endpoint=$KILN_ENDPOINT_STAGING" > seen.txt
            outs: [seen.txt]
          later:
            needs: [check]
            run: echo "$KILN_ENDPOINT_STAGING" > later.txt
            always-run: true
        """);
    assertThat(run().exit()).isZero();
    assertThat(p.read("seen.txt")).isEqualTo("endpoint=http://127.0.0.1:9999\n");
    assertThat(p.read("later.txt")).as("transitively downstream too").isEqualTo("http://127.0.0.1:9999\n");
    java.nio.file.Files.delete(p.dir.resolve("later.txt"));
    assertThat(run().out()).contains("= deploy: up to date");
    assertThat(p.read("later.txt")).as("an up-to-date stage hands on its exports").isEqualTo("http://127.0.0.1:9999\n");
  }
}
