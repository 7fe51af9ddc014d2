package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln status} and {@code kiln run} come from one decision: after each change of a
 * scenario, what status predicts for every stage is what the run then does.
 */
class StatusAgreesWithRunTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** What each predicted state allows the run to do. */
  static final Map<String, Set<String>> ALLOWED = Map.of(
      "up_to_date", Set.of("up_to_date"),
      "restorable", Set.of("restored"),
      "changed", Set.of("succeeded", "failed"),
      "after_upstream", Set.of("up_to_date", "restored", "succeeded"),
      "skipped", Set.of("skipped"));

  @TempDir
  Path tmp;

  @Test
  void statusPredictsWhatEachRunDoesThroughParamChangesRestoresEditsAndPromotions() throws Exception {
    TestProject p = new TestProject(tmp);
    p.file("data/raw.csv", "x,y\n1,0\n2,1\n3,1\n");
    p.file("params.yaml", "split: {seed: 1}\nauc: 0.81\n");
    p.pipeline("""
        stages:
          split:
            run: head -n 3 data/raw.csv > data/train.csv
            deps: [data/raw.csv]
            params: [split.seed]
            outs: [data/train.csv]
          train:
            run: mkdir -p model; cat data/train.csv > model/w.bin; echo "$KILN_PARAM_AUC" >> model/w.bin
            deps: [data/train.csv]
            params: [auc]
            outs: [model]
          evaluate:
            run: |
              echo "{\\"auc\\": $KILN_PARAM_AUC}" > eval.json
            deps: [model]
            params: [auc]
            metrics: eval.json
          report:
            run: echo done > report.txt
            needs: [evaluate]
            outs: [report.txt]
          gate:
            needs: [evaluate]
            uses: gate
            with: {require: {auc: ">= 0.7"}, baseline: production, change: {auc: ">= -0.1"}}
          register:
            needs: [gate]
            uses: register
            with: {model: model, name: m, alias: staging}
        """);
    agree(p);
    agree(p);
    p.file("params.yaml", "split: {seed: 2}\nauc: 0.81\n");
    agree(p);
    p.file("params.yaml", "split: {seed: 1}\nauc: 0.85\n");
    agree(p);
    p.file("params.yaml", "split: {seed: 1}\nauc: 0.81\n");
    agree(p);
    p.file("data/raw.csv", "x,y\n1,0\n2,1\n3,0\n");
    agree(p);
    Files.delete(p.dir.resolve("report.txt"));
    agree(p);
    assertThat(p.kiln("models", "promote", "m", "1", "production").exit()).isZero();
    agree(p);
    p.file("data/raw.csv", "x,y\n1,0\n2,1\n3,1\n");
    agree(p);
    agree(p);
  }

  /** Runs status, then the run, and checks every stage did what status said. */
  static void agree(TestProject p) throws IOException {
    TestProject.Result status = p.kiln("status", "--json");
    TestProject.Result dry = p.kiln("run", "--dry-run", "--json");
    assertThat(dry.out()).as("status and --dry-run are one decision").isEqualTo(
        status.out().replace("\"pipeline\" : \"test\"", "\"dry_run\" : true"));
    Map<String, String> predicted = new LinkedHashMap<>();
    for (JsonNode s : JSON.readTree(status.out()).get("stages")) {
      predicted.put(s.get("stage").asText(), s.get("state").asText());
    }
    TestProject.Result run = p.kiln("run", "--json", "-q");
    for (JsonNode s : JSON.readTree(run.out()).get("stages")) {
      String stage = s.get("stage").asText();
      String did = s.get("status").asText();
      assertThat(ALLOWED.get(predicted.get(stage))).as("%s: status said %s, the run %s (%s)\n%s", stage,
          predicted.get(stage), did, s.get("reason").asText(), status.out()).contains(did);
    }
    assertThat(predicted.keySet()).containsExactlyInAnyOrderElementsOf(
        List.copyOf(JSON.readTree(run.out()).findValuesAsText("stage")));
  }
}
