package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandsTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void twoRuns() throws IOException {
    p = new TestProject(tmp);
    p.file("data.csv", "x\n1\n");
    p.file("params.yaml", "train:\n  lr: 0.1\n  trees: 10\n");
    p.pipeline("""
        stages:
          train:
            run: |
              awk -v lr="$KILN_PARAM_TRAIN_LR" 'BEGIN { printf "{\\"auc\\": %.1f, \\"rows\\": 2}\\n", 0.7 + lr }' > m.json
            deps: [data.csv]
            params: [train.lr]
            metrics: m.json
        """);
    assertThat(p.kiln("run").exit()).isZero();
    p.file("params.yaml", "train:\n  lr: 0.2\n  trees: 10\n");
    assertThat(p.kiln("run").exit()).isZero();
  }

  @Test
  void runsListsNewestFirstWithStatusAndSummary() {
    String out = p.kiln("runs").out();
    assertThat(out).contains("RUN", "STATUS", "succeeded", "1 ran");
    assertThat(out.indexOf("\n2 ")).isLessThan(out.indexOf("\n1 "));
  }

  @Test
  void showPrintsStagesReasonsResourcesAndMetrics() {
    String out = p.kiln("show", "2").out();
    assertThat(out).contains("Run 2 of 'test': succeeded", "trigger   manual", "not a git repository",
        "train", "param train.lr: 0.1 → 0.2", "auc", "0.9");
  }

  @Test
  void diffShowsOldNewAndChangeOfParamsAndMetrics() {
    String out = p.kiln("diff").out();
    assertThat(out).contains("train.lr", "0.1", "0.2", "auc", "0.8", "0.9", "+0.1");
    assertThat(out).doesNotContain("trees").doesNotContain("rows");
    assertThat(p.kiln("diff", "--all").out()).contains("trees", "rows");
  }

  @Test
  void diffPrintsMarkdownForPullRequestsAndJsonForScripts() {
    assertThat(p.kiln("diff", "--md").out()).contains("| STAGE | METRIC | run 1 | run 2 | CHANGE |", "|---|");
    assertThat(p.kiln("diff", "1", "2", "--json").out()).contains("\"old_run\" : 1", "\"name\" : \"auc\"", "\"change\"");
  }

  @Test
  void badRunReferencesAreUsageErrors() {
    TestProject.Result r = p.kiln("show", "99");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no run 99");
    assertThat(p.kiln("show", "abc").err()).contains("'abc' is not a run");
    assertThat(p.kiln("show", "latest~1").out()).contains("Run 1 of");
  }

  @Test
  void runsAreRecordedWithTheirVersions() {
    String json = p.kiln("runs", "--json").out();
    assertThat(json).contains("\"trigger\" : \"manual\"", "\"kiln_version\"", "\"host\"", "\"git_commit\" : null");
  }
}
