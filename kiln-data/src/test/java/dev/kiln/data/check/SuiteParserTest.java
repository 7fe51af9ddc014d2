package dev.kiln.data.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.Problem;
import dev.kiln.data.Severity;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.profile.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteParserTest {
  @TempDir
  Path dir;

  Suite parse(String yaml) throws Exception {
    Path f = dir.resolve("data.yaml");
    Files.writeString(f, yaml);
    return Suite.parse(f, "checks/data.yaml");
  }

  List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e.problems().stream().map(Problem::toString).toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no problems found");
  }

  @Test
  void readsEveryKindOfCheck() throws Exception {
    Suite s = parse("""
        suite: applications
        read: { delimiter: ",", null: ["", NA], types: { chist: VARCHAR } }
        table:
          rows: [1000, null]
          columns: { at-least: [deny, pirat] }
          duplicates: { key: [id], severity: warning }
          unique: [first, last]
        columns:
          pirat:
            type: float
            missing: 0.01
            range: { min: 0, max: 3, strict-max: true, mostly: 0.99 }
            mean: [0.2, 0.5]
            median: { max: 0.4 }
            std: { max: 1 }
            quantiles: { 0.9: [0, 1], "0.1": { min: 0 } }
            distinct: { min: 10 }
            most-common-share: { max: 0.5 }
            outliers: { method: z, max: 0.01 }
          deny:
            not-null: true
            in-set: [yes, no]
            regex: "[a-z]+"
            length: [2, 3]
          id: { unique: true, present: true }
          day: { type: { is: date, format: "%d/%m/%Y" } }
        sql:
          - expect: "pirat <= hirat"
            id: pirat-below-hirat
            mostly: 0.95
        drift:
          reference: data/train.csv
          label: deny
          tests: { pirat: { test: psi, threshold: 0.2 }, deny: chisquare }
          schema: { new-columns: ignore }
        """);
    assertThat(s.name()).contains("applications");
    assertThat(s.read().nullMarkers()).containsExactly("", "NA");
    assertThat(s.checks()).extracting(Check::id).contains("table.rows", "table.columns", "table.duplicates.id",
        "table.unique.first-last", "pirat.type", "pirat.missing", "pirat.range", "pirat.mean", "pirat.quantile-0.9",
        "pirat.quantile-0.1", "pirat.outliers", "deny.in_set", "id.unique", "day.type", "pirat-below-hirat");
    Check.Range range = (Check.Range) s.checks().stream().filter(c -> c.id().equals("pirat.range")).findFirst().orElseThrow();
    assertThat(range.meta().mostly()).isEqualTo(0.99);
    assertThat(range.bounds().contains(3)).isFalse();
    assertThat(range.bounds().contains(0)).isTrue();
    Check.NotNull missing = (Check.NotNull) s.checks().stream().filter(c -> c.id().equals("pirat.missing")).findFirst().orElseThrow();
    assertThat(missing.meta().mostly()).isEqualTo(0.99);
    Check.TypeIs day = (Check.TypeIs) s.checks().stream().filter(c -> c.id().equals("day.type")).findFirst().orElseThrow();
    assertThat(day.type()).isEqualTo(DataType.DATE);
    assertThat(day.format()).contains("%d/%m/%Y");
    assertThat(s.checks()).filteredOn(c -> c.id().equals("table.duplicates.id"))
        .extracting(c -> c.meta().severity()).containsExactly(Severity.WARNING);
    assertThat(s.drift().orElseThrow().perColumn().get("pirat").test()).contains(DriftTest.PSI);
    assertThat(s.drift().orElseThrow().schema().newColumns()).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnceWithItsLocation() {
    List<String> p = problems("""
        table:
          rows: { min: 10, max: 5 }
        columns:
          pirat:
            rnage: [0, 1]
            mean: { min: 0, mostly: 0.9 }
            type: flaot
          deny:
            in-set: { values: [a], mostly: 2 }
            severity: error
        drift:
          tests: { x: { test: wasserstien } }
        """);
    assertThat(p).containsExactlyInAnyOrder(
        "checks/data.yaml:2:9: table.rows: min 10 is greater than max 5",
        "checks/data.yaml:5:5: columns.pirat.rnage: unknown check 'rnage' (did you mean 'range'?); column checks: "
            + String.join(", ", CheckReader.COLUMN_KINDS),
        "checks/data.yaml:6:21: columns.pirat.mean.mostly: 'mostly' applies to checks that judge each row; "
            + "this check compares one number with its bounds",
        "checks/data.yaml:7:11: columns.pirat.type: unknown type 'flaot' (did you mean 'float'?); types: "
            + "integer, float, string, boolean, date, timestamp",
        "checks/data.yaml:9:36: columns.deny.in-set.mostly: 'mostly' is a share between 0 and 1, found 2.0",
        "checks/data.yaml:10:5: columns.deny.severity: unknown check 'severity'; column checks: "
            + String.join(", ", CheckReader.COLUMN_KINDS),
        "checks/data.yaml:12:23: drift.tests.x.test: unknown drift test 'wasserstien' (did you mean 'wasserstein'?); "
            + "tests: ks, chisquare, z, psi, wasserstein, jensenshannon, kl");
  }

  @Test
  void dateBoundsMustBothBeDatesAndInOrder() {
    assertThat(problems("""
        columns:
          a: { range: [2020-01-01, 5] }
          b: { range: [2024-01-01, 2020-01-01] }
          c: { mean: [2020-01-01, 2021-01-01] }
        """)).containsExactly(
        "checks/data.yaml:2:28: columns.a.range[1]: expected a date (2020-01-01) or timestamp (2020-01-01 08:30:00) "
            + "like the other bound, found a number",
        "checks/data.yaml:3:15: columns.b.range: min 2024-01-01 is greater than max 2020-01-01",
        "checks/data.yaml:4:15: columns.c.mean[0]: expected a number, found a string",
        "checks/data.yaml:4:27: columns.c.mean[1]: expected a number, found a string");
  }

  @Test
  void rejectsRepeatedIdsAndEmptySuites() {
    assertThat(problems("""
        columns:
          a: { unique: { id: same } }
          b: { unique: { id: same } }
        """)).containsExactly("checks/data.yaml:3:22: columns.b.unique.id: the id 'same' is already used by the check at line 2");
    assertThat(problems("suite: nothing\n")).containsExactly(
        "checks/data.yaml:1:1: the suite has no checks: add 'table:', 'columns:', 'sql:' or 'drift:'");
  }

  @Test
  void aSyntaxErrorIsOneLocatedProblem() {
    assertThat(problems("columns:\n  a: [1, 2\n")).singleElement().asString()
        .isEqualTo("checks/data.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 2)");
  }

  @Test
  void numbersTheIdsOfRepeatedGeneratedChecks() throws Exception {
    Suite s = parse("sql: [\"a > 0\", \"b > 0\"]\n");
    assertThat(s.checks()).extracting(Check::id).containsExactly("sql[0]", "sql[1]");
  }

  @Property(tries = 300)
  void arbitraryTextNeverCrashesTheParser(@ForAll @StringLength(max = 80) String text) throws Exception {
    Path f = Files.createTempFile("suite", ".yaml");
    try {
      Files.writeString(f, text);
      Suite.parse(f, "s.yaml");
    } catch (ConfigException e) {
      assertThat(e.problems()).isNotEmpty();
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Property(tries = 200)
  void arbitraryValuesUnderEveryCheckGiveProblemsNotExceptions(
      @ForAll("kinds") String kind, @ForAll("values") String value) throws Exception {
    Path f = Files.createTempFile("suite", ".yaml");
    try {
      Files.writeString(f, "columns:\n  x:\n    " + kind + ": " + value + "\n");
      Suite.parse(f, "s.yaml");
    } catch (ConfigException e) {
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isGreaterThan(0));
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> kinds() {
    return net.jqwik.api.Arbitraries.of(CheckReader.COLUMN_KINDS);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> values() {
    return net.jqwik.api.Arbitraries.of("true", "false", "1", "-1", "0.5", "abc", "null", "[]", "[1]", "[1, 2]",
        "[null, 3]", "[a, b]", "{}", "{min: 1}", "{max: x}", "{mostly: 0.5}", "{is: date}", "{values: [1]}",
        "{pattern: '('}", "{method: z, max: 0.1}", "{0.5: [1, 2]}", "{id: 'bad id'}", "{severity: fatal}", "[[1]]");
  }
}
