package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReasonsTest {
  @TempDir
  Path tmp;
  TestProject p;

  static final String PIPELINE = """
      stages:
        prepare:
          run: cp data/train.csv prepared.csv
          deps: [data/train.csv]
          outs: [prepared.csv]
        train:
          run: cat prepared.csv > model.txt; echo "$KILN_PARAM_TRAIN_LR" >> model.txt
          deps: [prepared.csv]
          params: [train.lr]
          env: {MODE: fast}
          outs: [model.txt]
      """;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
    p.file("params.yaml", "train:\n  lr: 0.1\n");
    p.file("data/train.csv", "x\n1\n");
    p.pipeline(PIPELINE);
  }

  String status() {
    TestProject.Result r = p.kiln("status");
    assertThat(r.exit()).as(r.toString()).isZero();
    return r.out();
  }

  @Test
  void aStageThatNeverRanSaysSo() {
    assertThat(status()).contains("prepare  changed", "never run", "upstream 'prepare' changed");
  }

  @Test
  void everythingUpToDateAfterARun() {
    p.kiln("run");
    assertThat(status()).contains("everything is up to date");
  }

  @Test
  void aModifiedDepIsNamed() throws IOException {
    p.kiln("run");
    p.file("data/train.csv", "x\n1\n2\n");
    assertThat(status()).contains("modified: data/train.csv", "train    decided after upstream",
        "reads from 'prepare', which would run first: up to date if what it reads comes out the same");
  }

  @Test
  void aChangedParamShowsOldAndNewValue() throws IOException {
    p.kiln("run");
    p.file("params.yaml", "train:\n  lr: 0.2\n");
    String s = status();
    assertThat(s).contains("param train.lr: 0.1 → 0.2");
    assertThat(s).contains("prepare  up to date");
  }

  @Test
  void aChangedCommandIsNamed() throws IOException {
    p.kiln("run");
    p.pipeline(PIPELINE.replace("cp data/train.csv prepared.csv", "cp  data/train.csv prepared.csv"));
    assertThat(status()).contains("command changed");
  }

  @Test
  void aChangedEnvironmentVariableIsNamed() throws IOException {
    p.kiln("run");
    p.pipeline(PIPELINE.replace("MODE: fast", "MODE: slow"));
    assertThat(status()).contains("env MODE changed");
  }

  @Test
  void missingOutputsAreNamed() throws IOException {
    p.kiln("run");
    Files.delete(p.dir.resolve("model.txt"));
    assertThat(status()).contains("outs missing: model.txt", "restorable from run 1");
  }

  @Test
  void aNewDepIsNamed() throws IOException {
    p.kiln("run");
    p.file("extra.txt", "e");
    p.pipeline(PIPELINE.replace("deps: [data/train.csv]", "deps: [data/train.csv, extra.txt]"));
    assertThat(status()).contains("new dep: extra.txt");
  }

  @Test
  void statusAsJsonListsStatesAndReasons() throws IOException {
    p.kiln("run");
    p.file("params.yaml", "train:\n  lr: 0.3\n");
    String json = p.kiln("status", "--json").out();
    assertThat(json).contains("\"stage\" : \"prepare\"", "\"state\" : \"up_to_date\"", "\"state\" : \"changed\"",
        "param train.lr: 0.1 → 0.3");
  }
}
