package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int kiln(String... args) {
    return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private static Path data(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("age,plan,group,churn\n");
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 240; i++) {
      int age = 18 + r.nextInt(60);
      String plan = i % 3 == 0 ? "basic" : "pro";
      boolean churn = (age < 40 ? 0.7 : 0.2) + (plan.equals("basic") ? 0.2 : 0) > r.nextDouble();
      sb.append(age).append(',').append(plan).append(',').append(i % 2 == 0 ? "a" : "b").append(',')
          .append(churn ? "yes" : "no").append('\n');
    }
    return Files.writeString(dir.resolve("data.csv"), sb.toString());
  }

  @Test
  void trainThenEvaluateWritesAModelMetricsReportAndPredictions(@TempDir Path dir) throws Exception {
    Path d = data(dir);
    Path model = dir.resolve("model");
    assertThat(kiln("train", d.toString(), "--label", "churn", "--out", model.toString(), "-P", "trees=50"))
        .as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(model.resolve("model.yaml")).exists();
    Path eval = dir.resolve("eval");
    assertThat(kiln("evaluate", model.toString(), d.toString(), "--label", "churn", "--sensitive", "group",
        "--privileged", "group=a", "--slice", "plan", "--no-latency", "--out", eval.toString(), "--predictions",
        dir.resolve("p.csv").toString(), "--json")).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("\"fairness.group.disparate_impact\"").contains("\"slice.plan=basic.auc\"");
    assertThat(eval.resolve("metrics.json")).content().contains("\"auc\"");
    assertThat(eval.resolve("report.html")).content().contains("<svg").doesNotContain("http://cdn").doesNotContain("<script");
    assertThat(dir.resolve("p.csv")).exists();
  }

  @Test
  void aMissingLabelColumnIsAUsageError(@TempDir Path dir) throws Exception {
    Path d = data(dir);
    assertThat(kiln("train", d.toString(), "--label", "deny", "--out", dir.resolve("m").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no label column 'deny'");
  }

  @Test
  void aCorruptModelIsAUsageErrorWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path d = data(dir);
    Files.writeString(dir.resolve("model.json"), "garbage");
    assertThat(kiln("evaluate", dir.resolve("model.json").toString(), d.toString(), "--label", "churn"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("not an XGBoost JSON or UBJSON model").doesNotContain("at dev.kiln");
  }

  @Test
  void anUnknownAlgorithmSuggestsTheNearestOne(@TempDir Path dir) throws Exception {
    assertThat(kiln("train", data(dir).toString(), "--label", "churn", "--algorithm", "random-forrest"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("random-forest");
  }

  @Test
  void aRegisteredModelIsEvaluatedByItsAlias(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\nstages:\n  noop: {run: 'true'}\n");
    Path d = data(dir);
    Path model = dir.resolve("model");
    assertThat(kiln("train", d.toString(), "--label", "churn", "--out", model.toString(), "-P", "trees=20"))
        .as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(kiln("-C", dir.toString(), "models", "register", model.toString(), "--name", "churn", "--alias",
        "production")).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(kiln("-C", dir.toString(), "evaluate", "churn@production", d.toString(), "--label", "churn",
        "--no-latency", "--out", dir.resolve("eval").toString(), "--json")).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("\"auc\"");
    assertThat(dir.resolve(".kiln/models/churn/1/model/model.yaml")).exists();
    assertThat(kiln("-C", dir.toString(), "evaluate", "churn@staging", d.toString(), "--label", "churn"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("has no alias 'staging'; aliases: production (v1)");
  }
}
