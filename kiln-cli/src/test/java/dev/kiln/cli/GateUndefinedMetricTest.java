package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate on a fairness metric the evaluate step could not compute says why, in the evaluate step's words. */
class GateUndefinedMetricTest {
  static final Path HMDA = Path.of("../examples/credit-risk/data/hmda.csv").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  @Test
  void theGateQuotesWhyEvaluateCouldNotComputeTheMetric() throws Exception {
    TestProject p = new TestProject(tmp);
    List<String> lines = Files.readAllLines(HMDA);
    List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
    int deny = header.indexOf("deny");
    int afam = header.indexOf("afam");
    p.file("data/train.csv", String.join("\n", lines) + "\n");
    p.file("data/test.csv", String.join("\n", lines.stream().filter(l -> {
      String[] cells = l.replace("\"", "").split(",", -1);
      return !(cells[afam].equals("yes") && cells[deny].equals("yes"));
    }).toList()) + "\n");
    p.pipeline("""
        stages:
          train:
            uses: train
            with: {data: data/train.csv, label: deny, seed: 7, params: {trees: 30}}
          evaluate:
            uses: evaluate
            with: {model: model, data: data/test.csv, label: deny, positive: "yes", sensitive: [afam], latency: false}
          gate:
            needs: [evaluate]
            uses: gate
            with: {require: {fairness.afam.equal_opportunity_ratio: ">= 0.8"}}
        """);
    TestProject.Result r = p.kiln("run", "-q");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("'fairness.afam.equal_opportunity_ratio' is undefined: TPR is defined for only one "
        + "group: group 'yes' has no positive labels (stage 'evaluate')").doesNotContain("was not produced");
  }
}
