package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln validate, profile and suggest, run as a user would, on real files. */
class DataCommandsTest {
  @TempDir
  Path dir;
  Path data;
  String out;
  String err;

  @BeforeEach
  void copyData() throws Exception {
    data = dir.resolve("hmda.csv");
    Files.copy(Path.of("../examples/quickstart/data/hmda.csv"), data);
  }

  int kiln(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), false);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  Path suite(String yaml) throws Exception {
    Path p = dir.resolve("checks.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void exitsZeroWhenEveryErrorCheckPasses() throws Exception {
    Path s = suite("columns:\n  pirat: { range: [0, 3] }\n  deny: { in-set: { values: [no], severity: warning } }\n");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString())).isEqualTo(0);
    assertThat(out).contains("PASSED: 1 of 2 checks passed, 1 warning");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString(), "--fail-on", "warning")).isEqualTo(1);
  }

  @Test
  void exitsOneAndListsFailingValuesWhenACheckFails() throws Exception {
    Path s = suite("columns:\n  pirat: { range: [0, 1] }\n");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString(), "--format", "json")).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(out);
    JsonNode check = report.get("checks").get(0);
    assertThat(check.get("id").asText()).isEqualTo("pirat.range");
    assertThat(check.get("passed").asBoolean()).isFalse();
    assertThat(check.get("element_count").asLong()).isEqualTo(2380);
    assertThat(check.get("unexpected_count").asLong()).isEqualTo(5);
    assertThat(check.get("failing_values")).hasSize(5);
    assertThat(check.get("failing_values").get(0).get("row").asLong()).isPositive();
    assertThat(report.get("summary").get("checks_failed").asLong()).isEqualTo(1);
  }

  @Test
  void exitsTwoWithLocatedProblemsForABadSuite() throws Exception {
    Path s = suite("columns:\n  pirat: { rnage: [0, 1] }\n");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString())).isEqualTo(2);
    assertThat(err).contains(s + ":2:12: columns.pirat.rnage: unknown check 'rnage' (did you mean 'range'?)");
    assertThat(kiln("validate", data.toString())).isEqualTo(2);
    assertThat(kiln("validate", dir.resolve("nope.csv").toString(), "--checks", s.toString())).isEqualTo(2);
    assertThat(kiln("validate", data.toString(), "--reference", "a", "--profile", "b")).isEqualTo(2);
  }

  @Test
  void writesJunitAndHtmlReports() throws Exception {
    Path s = suite("columns:\n  pirat: { range: [0, 1] }\n  hirat: { mean: [0, 1] }\n");
    Path ref = dir.resolve("ref.csv");
    Files.write(ref, Files.readAllLines(data).subList(0, 1500));
    Path xml = dir.resolve("reports/data.xml");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString(), "--reference", ref.toString(), "--out",
        xml.toString())).isEqualTo(1);
    String junit = Files.readString(xml);
    assertThat(junit).contains("<testcase name=\"pirat.range\" classname=\"data.pirat\">", "<failure message=",
        "<testcase name=\"hirat.mean\" classname=\"data.hirat\"/>", "<testsuite name=\"data-drift\"");
    Path html = dir.resolve("report.html");
    kiln("validate", data.toString(), "--checks", s.toString(), "--reference", ref.toString(), "--out", html.toString());
    String page = Files.readString(html);
    assertThat(page.startsWith("<!DOCTYPE html>")).isTrue();
    assertThat(page.contains("<svg") && page.contains("Drift")).isTrue();
    assertThat(page.contains("<script") || page.contains("src=") || page.contains("<link")).as("self-contained").isFalse();
  }

  @Test
  void profilesAndComparesWithTheSavedProfile() throws Exception {
    Path profile = dir.resolve("profile.json");
    assertThat(kiln("profile", data.toString(), "--out", profile.toString())).isEqualTo(0);
    assertThat(out).contains("2380 rows, 14 columns");
    assertThat(kiln("validate", data.toString(), "--profile", profile.toString(), "--format", "json")).isEqualTo(0);
    JsonNode report = new ObjectMapper().readTree(out);
    assertThat(report.get("drift").get("drifted_columns").asLong()).isZero();
    assertThat(report.get("drift").get("columns").get(0).has("p_value")).isTrue();
  }

  @Test
  void suggestsASuiteTheDataPasses() throws Exception {
    assertThat(kiln("suggest", data.toString())).isEqualTo(0);
    Path s = suite(out);
    assertThat(out).contains("in-set: [\"no\", \"yes\"]", "not-null: true");
    assertThat(kiln("validate", data.toString(), "--checks", s.toString())).as(out + err).isEqualTo(0);
  }

  @Test
  void suggestsDateRangesThatTheDataPassesAndNewerDataFails() throws Exception {
    Path dated = dir.resolve("dated.csv");
    Files.writeString(dated, "opened,seen\n2021-01-04,2021-03-04 10:00:00\n2022-06-30,2021-03-05 12:30:15\n");
    assertThat(kiln("suggest", dated.toString())).isEqualTo(0);
    assertThat(out).contains("range: [2021-01-04, 2022-06-30]", "range: [2021-03-04 10:00:00, 2021-03-05 12:30:15]");
    Path s = suite(out);
    assertThat(kiln("validate", dated.toString(), "--checks", s.toString())).as(out + err).isEqualTo(0);
    Files.writeString(dated, "opened,seen\n2023-01-01,2021-03-04 10:00:00\n");
    assertThat(kiln("validate", dated.toString(), "--checks", s.toString())).isEqualTo(1);
    assertThat(out).contains("opened.range", "not in [2021-01-04, 2022-06-30]", "row 1: 2023-01-01");
  }

  @Test
  void malformedCsvIsAClearErrorWithTheLineNumber() throws Exception {
    Path bad = dir.resolve("bad.csv");
    StringBuilder sb = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 50; i++) {
      sb.append(i).append(",x,").append(i).append('\n');
    }
    sb.append("50,y\n");
    Files.writeString(bad, sb);
    Path s = suite("columns:\n  a: { range: [0, 100] }\n");
    assertThat(kiln("validate", bad.toString(), "--checks", s.toString())).isEqualTo(2);
    assertThat(err).contains(bad + ":52: expected 3 fields (as in the first line), found 2");
    assertThat(err).doesNotContain("Exception", "\tat ");
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertThat(kiln("validate", empty.toString(), "--checks", s.toString())).isEqualTo(2);
    assertThat(err).contains("the file is empty");
  }

  @Test
  void helpTeachesWithExamples() {
    assertThat(kiln("validate", "--help")).isEqualTo(0);
    assertThat(out).contains("Examples:", "--reference", "--profile", "--format");
    assertThat(kiln("--help")).isEqualTo(0);
    assertThat(out).contains("validate", "profile", "suggest");
    List.of("profile", "suggest").forEach(c -> assertThat(kiln(c, "--help")).isEqualTo(0));
  }
}
