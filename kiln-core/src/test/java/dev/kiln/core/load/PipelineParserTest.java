package dev.kiln.core.load;

import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Retries;
import dev.kiln.core.pipeline.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.Problem;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepRegistry;
import dev.kiln.core.step.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineParserTest {
  @TempDir
  Path dir;

  static final Step ECHO = new Step() {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public String summary() {
      return "prints";
    }

    @Override
    public StepResult run(StepContext c) {
      return StepResult.passed("ok", Map.of());
    }
  };

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("data.csv"), "x\n1\n");
    Files.writeString(dir.resolve("params.yaml"), "train:\n  lr: 0.1\n  trees: 100\nseed: 7\n");
  }

  Pipeline parse(String yaml) throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), yaml);
    return new PipelineParser(new StepRegistry(List.of(ECHO))).load(dir);
  }

  List<String> problems(String yaml) throws IOException {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
    assertThat(e).as("expected configuration problems").isNotNull();
    return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void parsesAFullStageWithDefaults() throws IOException {
    Pipeline p = parse("""
        kiln: 1
        pipeline: demo
        stages:
          prepare:
            run: [echo a, echo b]
            deps: [./data.csv]
            outs: [out/]
            params: [train.lr, seed]
            metrics: out/m.json
            env: {A: 1}
            if: params.seed > 3 && git.branch == 'main'
            retries: {count: 2, delay: 1s}
            timeout: 1m30s
          other:
            uses: echo
            with: {x: 1}
            needs: prepare
            cache: false
            always-run: true
            junit: reports/*.xml
        """);
    assertThat(p.name()).isEqualTo("demo");
    assertThat(p.paramsFile()).contains("params.yaml");
    Stage s = p.stage("prepare");
    assertThat(s.action()).isEqualTo(new Action.Run(List.of("echo a", "echo b")));
    assertThat(s.deps()).containsExactly("data.csv");
    assertThat(s.outs()).containsExactly("out");
    assertThat(s.storedOutputs()).containsExactly("out");
    assertThat(s.env()).containsEntry("A", "1");
    assertThat(s.retries()).isEqualTo(new Retries(2, Duration.ofSeconds(1)));
    assertThat(s.timeout()).contains(Duration.ofSeconds(90));
    assertThat(s.condition()).isPresent();
    Stage o = p.stage("other");
    assertThat(o.action()).isEqualTo(new Action.Uses("echo", Map.of("x", 1)));
    assertThat(o.needs()).containsExactly("prepare");
    assertThat(o.cache()).isFalse();
    assertThat(o.alwaysRun()).isTrue();
    assertThat(o.junit()).contains("reports/*.xml");
    assertThat(p.params().get("train.lr")).contains(0.1);
  }

  @Test
  void malformedYamlIsReportedWithLineAndColumn() throws IOException {
    assertThat(problems("kiln: 1\nstages:\n  a:\n    run: [echo\n")).singleElement()
        .asString().startsWith("kiln.yaml:5:1: invalid YAML");
  }

  @Test
  void everyProblemIsReportedInOnePass() throws IOException {
    List<String> found = problems("""
        kiln: 1
        stages:
          train:
            run: python train.py
            dep: [data.csv]
            retries: many
          evaluate:
            run: echo
            needs: [trian]
            params: [train.lrr]
        """);
    assertThat(found).containsExactly(
        "kiln.yaml:5:5: stages.train.dep: unknown key 'dep' (did you mean 'deps'?)",
        "kiln.yaml:6:14: stages.train.retries: expected a whole number, found a string",
        "kiln.yaml:10:14: stages.evaluate.params[0]: unknown param 'train.lrr' (did you mean 'train.lr'?)",
        "kiln.yaml:9:13: stages.evaluate.needs[0]: unknown stage 'trian' (did you mean 'train'?)");
  }

  @Test
  void anUnknownNeedAnUnknownKeyAndACycleAreAllReportedInOnePass() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, needs: [c, zz], colour: red}
          b: {run: echo, needs: [a]}
          c: {run: echo, needs: [b]}
        """)).containsExactly(
        "kiln.yaml:3:34: stages.a.colour: unknown key 'colour' (valid: always-run, cache, deps, desc, env, if, junit,"
            + " metrics, needs, outs, params, retries, run, timeout, uses, with)",
        "kiln.yaml:3:29: stages.a.needs[1]: unknown stage 'zz'",
        "kiln.yaml:3:25: stages.a.needs: stages form a cycle: a → b → c → a");
  }

  @Test
  void aStageThatNeedsItselfIsReportedOnceAndOtherCyclesStillAre() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, needs: [a, b]}
          b: {run: echo, needs: [a]}
        """)).containsExactly(
        "kiln.yaml:3:26: stages.a.needs[0]: a stage cannot need itself",
        "kiln.yaml:3:25: stages.a.needs: stages form a cycle: a → b → a");
  }

  @Test
  void aBrokenParamsFileDoesNotHideTheProblemsOfKilnYaml() throws IOException {
    Files.writeString(dir.resolve("params.yaml"), "lr: [1,\n");
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, needs: [b, zz], params: [lr], if: 'params.lr > 1'}
          b: {run: echo, needs: [a], deps: [nope.csv]}
        """)).containsExactly(
        "params.yaml:2:1: invalid YAML: expected the node content, but found '<stream end>'"
            + " (while parsing a flow node at line 2)",
        "kiln.yaml:3:29: stages.a.needs[1]: unknown stage 'zz'",
        "kiln.yaml:4:37: stages.b.deps[0]: 'nope.csv' does not exist and no stage outputs it",
        "kiln.yaml:3:25: stages.a.needs: stages form a cycle: a → b → a");
  }

  @Test
  void anUnknownKeyWithoutACloseOneListsTheValidKeys() throws IOException {
    assertThat(problems("kiln: 1\nstages:\n  a: {run: echo, retries: {count: 1, wait: 5s}}\n")).singleElement()
        .asString().isEqualTo("kiln.yaml:3:38: stages.a.retries.wait: unknown key 'wait' (valid: count, delay)");
    assertThat(problems("kiln: 1\nstages:\n  a: {run: echo, retries: {count: 1, dealy: 5s}}\n")).singleElement()
        .asString().endsWith("unknown key 'dealy' (did you mean 'delay'?)");
  }

  @Test
  void wrongTypesNameWhatWasExpected() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a:
            run: echo
            deps: {x: 1}
            cache: "no"
            timeout: soon
            env: [A]
        """)).containsExactly(
        "kiln.yaml:5:11: stages.a.deps: expected a string or a list of strings, found a mapping",
        "kiln.yaml:8:10: stages.a.env: expected a mapping, found a list",
        "kiln.yaml:7:14: stages.a.timeout: invalid duration 'soon': use a number with ms, s, m, h or d, such as 30s or 1h30m",
        "kiln.yaml:6:12: stages.a.cache: expected true or false, found a string");
  }

  @Test
  void aCycleIsNamed() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, needs: [c]}
          b: {run: echo, needs: [a]}
          c: {run: echo, needs: [b]}
        """)).singleElement().asString()
        .isEqualTo("kiln.yaml:3:25: stages.a.needs: stages form a cycle: a → b → c → a");
  }

  @Test
  void implicitEdgesFromOutsToDepsCanFormACycleToo() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, deps: [b.txt], outs: [a.txt]}
          b: {run: echo, deps: [a.txt], outs: [b.txt]}
        """)).singleElement().asString().contains("cycle: a → b → a");
  }

  @Test
  void anUnknownStepListsTheKnownOnes() throws IOException {
    assertThat(problems("kiln: 1\nstages:\n  a:\n    uses: ech\n")).singleElement().asString()
        .isEqualTo("kiln.yaml:4:11: stages.a.uses: unknown step 'ech' (did you mean 'echo'?); known steps: echo");
  }

  @Test
  void aMissingDepThatNoStageOutputsIsAnError() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, deps: [nope.csv, 'raw/*.csv']}
          b: {run: echo, deps: [made.txt]}
          c: {run: echo, outs: [made.txt]}
        """)).containsExactly(
        "kiln.yaml:3:25: stages.a.deps[0]: 'nope.csv' does not exist and no stage outputs it",
        "kiln.yaml:3:35: stages.a.deps[1]: 'raw/*.csv' matches no file and no stage outputs it");
  }

  @Test
  void theFormatVersionIsRequiredAndChecked() throws IOException {
    assertThat(problems("stages:\n  a: {run: echo}\n")).singleElement().asString()
        .contains("missing format version: add 'kiln: 1' at the top");
    assertThat(problems("kiln: 2\nstages:\n  a: {run: echo}\n")).singleElement().asString()
        .isEqualTo("kiln.yaml:1:7: kiln: unsupported format version 2; this Kiln reads version 1");
  }

  @Test
  void outputsMustStayInsideTheProjectAndNotOverlap() throws IOException {
    assertThat(problems("""
        kiln: 1
        stages:
          a: {run: echo, outs: [../x, model]}
          b: {run: echo, outs: [model/sub]}
        """)).containsExactly(
        "kiln.yaml:3:25: stages.a.outs[0]: '../x' must be a path inside the project",
        "kiln.yaml:4:25: stages.b.outs[0]: 'model/sub' overlaps 'model', an output of stage 'a'");
  }

  @Test
  void aStageNeedsRunOrUses() throws IOException {
    assertThat(problems("kiln: 1\nstages:\n  a: {deps: [data.csv]}\n")).singleElement().asString()
        .isEqualTo("kiln.yaml:3:6: stages.a: a stage needs 'run' (shell commands) or 'uses' (a built-in step)");
  }

  @Test
  void aBadConditionIsReportedAtItsKey() throws IOException {
    assertThat(problems("kiln: 1\nstages:\n  a: {run: echo, if: 'params.seed >'}\n")).singleElement().asString()
        .startsWith("kiln.yaml:3:22: stages.a.if: invalid condition: expected a value");
    assertThat(problems("kiln: 1\nstages:\n  a: {run: echo, if: 'params.sed > 1'}\n")).singleElement().asString()
        .contains("unknown name 'params.sed' (did you mean 'params.seed'?)");
  }

  @Test
  void aBrokenParamsFileIsReportedAgainstThatFile() throws IOException {
    Files.writeString(dir.resolve("params.yaml"), "train: [1,\n");
    assertThat(problems("kiln: 1\nstages:\n  a: {run: echo}\n")).singleElement().asString()
        .startsWith("params.yaml:2:1: invalid YAML");
  }

  @Test
  void anEmptyFileSaysWhatIsMissing() throws IOException {
    assertThat(problems("")).containsExactly(
        "kiln.yaml:1:1: kiln: missing format version: add 'kiln: 1' at the top",
        "kiln.yaml:1:1: missing 'stages': a pipeline needs at least one stage");
  }
}
