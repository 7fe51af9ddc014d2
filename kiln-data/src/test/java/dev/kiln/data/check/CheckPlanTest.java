package dev.kiln.data.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kiln.core.config.ConfigException;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckPlanTest {
  @TempDir
  Path dir;

  Map<String, CheckResult> run(String csv, String suite) throws Exception {
    Path data = dir.resolve("data.csv");
    Files.writeString(data, csv);
    Path file = dir.resolve("suite.yaml");
    Files.writeString(file, suite);
    Suite s = Suite.parse(file, "suite.yaml");
    try (DataSource ds = DataSource.open(data.toString(), s.read())) {
      Aggregates scan = new Aggregates();
      CheckPlan plan = CheckPlan.compile(ds, s.checks(), s.file(), scan);
      List<CheckResult> results = plan.finish(scan.run(ds.connection(), DataSource.VIEW, ds.location()));
      Map<String, CheckResult> byId = new LinkedHashMap<>();
      results.forEach(r -> byId.put(r.id(), r));
      return byId;
    }
  }

  @Test
  void countsEveryOccurrenceOfARepeatedValueAsGreatExpectationsDoes() throws Exception {
    CheckResult r = run("x\n1\n2\n3\n3\n3\n", "columns: { x: { unique: true } }").get("x.unique");
    assertThat(r.passed()).isFalse();
    assertThat(r.unexpectedCount()).hasValue(3);
    assertThat(r.unexpectedPercent()).contains(60.0);
    assertThat(r.samples()).extracting(Sample::row).containsExactly(3L, 4L, 5L);
    assertThat(r.samples()).extracting(Sample::value).containsOnly("3");
  }

  @Test
  void failsARangeCheckWhenMoreThanMostlyValuesAreOutside() throws Exception {
    String csv = "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n100\n\n";
    Map<String, CheckResult> r = run(csv, """
        columns:
          x:
            range: { min: 0, max: 10, mostly: 0.9, id: lenient }
        sql:
          - { expect: "x <= 10", id: strict, mostly: 0.95 }
        """);
    CheckResult lenient = r.get("lenient");
    assertThat(lenient.passed()).isTrue();
    assertThat(lenient.elementCount()).hasValue(10);
    assertThat(lenient.unexpectedCount()).hasValue(1);
    assertThat((double) lenient.observed()).isEqualTo(0.9);
    CheckResult strict = r.get("strict");
    assertThat(strict.passed()).isFalse();
    assertThat(strict.elementCount()).hasValue(11);
    assertThat(strict.unexpectedCount()).as("NULL does not satisfy a condition").hasValue(2);
    assertThat(strict.samples()).extracting(Sample::row).containsExactly(10L, 11L);
  }

  @Test
  void divideNotNullByAllRowsAndOtherChecksByPresentValues() throws Exception {
    Map<String, CheckResult> r = run("x\n1\n\n\n4\n", """
        columns:
          x:
            not-null: { mostly: 0.5 }
            range: [0, 3]
            missing: 0.4
        """);
    assertThat(r.get("x.not_null").passed()).isTrue();
    assertThat(r.get("x.not_null").elementCount()).hasValue(4);
    assertThat(r.get("x.missing").passed()).isFalse();
    assertThat(r.get("x.range").elementCount()).hasValue(2);
    assertThat(r.get("x.range").unexpectedPercent()).contains(50.0);
    assertThat(r.get("x.range").samples()).containsExactly(new Sample(4, "4"));
  }

  @Test
  void rangesOfDatesAndTimestampsCompareByTimeAndListTheValuesOutside() throws Exception {
    Map<String, CheckResult> r = run("""
        opened,seen,text
        2020-01-01,2021-03-04 10:00:00,2020-06-01
        2023-12-31,2021-03-04 12:30:00,someday
        2024-01-01,2021-03-05 00:00:00,2019-12-31
        ,,
        """, """
        columns:
          opened: { range: [2020-01-01, 2023-12-31] }
          seen: { range: { min: "2021-03-04 10:00:00", max: "2021-03-04 12:30:00", strict-min: true } }
          text: { range: [2020-01-01, null] }
        """);
    CheckResult opened = r.get("opened.range");
    assertThat(opened.elementCount()).hasValue(3);
    assertThat(opened.unexpectedCount()).hasValue(1);
    assertThat(opened.samples()).containsExactly(new Sample(3, "2024-01-01"));
    assertThat(opened.message()).contains("[2020-01-01, 2023-12-31]");
    CheckResult seen = r.get("seen.range");
    assertThat(seen.unexpectedCount()).as("strict at 10:00, past 12:30").hasValue(2);
    assertThat(seen.message()).contains("(2021-03-04 10:00:00, 2021-03-04 12:30:00]");
    CheckResult text = r.get("text.range");
    assertThat(text.unexpectedCount()).as("text that is no date, and a date too early").hasValue(2);
    assertThat(text.samples()).extracting(Sample::value).containsExactly("someday", "2019-12-31");
  }

  @Test
  void aNumericRangeOnADateColumnSaysToGiveDates() throws Exception {
    CheckResult r = run("opened\n2020-01-01\n", "columns: { opened: { range: [0, 10] } }").get("opened.range");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("give the range as dates, e.g. [2020-01-01, 2024-12-31]");
  }

  @Test
  void honoursStrictBoundsSetsRegexAndLengths() throws Exception {
    Map<String, CheckResult> r = run("x,s\n0,yes\n1,no\n2,maybe\n", """
        columns:
          x: { range: { min: 0, max: 2, strict-min: true } }
          s:
            in-set: [yes, no]
            regex: "[a-z]{2,3}"
            length: { max: 3 }
        """);
    assertThat(r.get("x.range").unexpectedCount()).hasValue(1);
    assertThat(r.get("s.in_set").samples()).containsExactly(new Sample(3, "maybe"));
    assertThat(r.get("s.regex").unexpectedCount()).hasValue(1);
    assertThat(r.get("s.length").unexpectedCount()).hasValue(1);
  }

  @Test
  void computesStatisticsExactly() throws Exception {
    Map<String, CheckResult> r = run("x,c\n1,a\n2,b\n2,b\n7,b\n10,\n", """
        columns:
          x:
            mean: [4.4, 4.4]
            median: [2, 2]
            std: { max: 3 }
            quantiles: { 0.1: [1.4, 1.4] }
            min: [1, 1]
            max: { min: 10, strict-min: true }
          c:
            distinct: [2, 2]
            most-common-share: { min: 0.75 }
        """);
    assertThat(r.get("x.mean").passed()).isTrue();
    assertThat(r.get("x.median").passed()).isTrue();
    assertThat((double) r.get("x.std").observed()).isCloseTo(3.9115214431215892, within(1e-12));
    assertThat(r.get("x.std").passed()).isFalse();
    assertThat((double) r.get("x.quantile-0.1").observed()).isCloseTo(1.4, within(1e-12));
    assertThat(r.get("x.min").passed()).isTrue();
    assertThat(r.get("x.max").passed()).isFalse();
    assertThat(r.get("c.distinct").passed()).isTrue();
    assertThat(r.get("c.most_common_share").observed()).isEqualTo(0.75);
  }

  @Test
  void findsOutliersBeyondIqrFencesAndZScores() throws Exception {
    StringBuilder csv = new StringBuilder("x\n");
    for (int i = 1; i <= 20; i++) {
      csv.append(i).append('\n');
    }
    csv.append("100\n");
    Map<String, CheckResult> r = run(csv.toString(), """
        columns:
          x:
            outliers: { max: 0.01 }
            quantiles: { 0.5: [0, 100] }
        """);
    CheckResult o = r.get("x.outliers");
    assertThat(o.unexpectedCount()).hasValue(1);
    assertThat(o.passed()).isFalse();
    assertThat(o.samples()).containsExactly(new Sample(21, "100"));
    Map<String, CheckResult> z = run(csv.toString(), "columns: { x: { outliers: { method: z, k: 3, max: 0.05 } } }");
    assertThat(z.get("x.outliers").unexpectedCount()).hasValue(1);
    assertThat(z.get("x.outliers").passed()).isTrue();
  }

  @Test
  void findsNoOutliersWhenTheExtremesLieInsideTheFences() throws Exception {
    StringBuilder csv = new StringBuilder("x\n");
    for (int i = 1; i <= 20; i++) {
      csv.append(i).append('\n');
    }
    CheckResult o = run(csv.toString(), "columns: { x: { outliers: { max: 0 } } }").get("x.outliers");
    assertThat(o.passed()).isTrue();
    assertThat(o.unexpectedCount()).hasValue(0);
    assertThat(o.elementCount()).hasValue(20);
  }

  @Test
  void countsDuplicateRowsAndRepeatedCombinations() throws Exception {
    Map<String, CheckResult> r = run("a,b\n1,x\n1,x\n1,y\n1,x\n,\n", """
        table:
          duplicates: false
          unique: [a, b]
        """);
    CheckResult d = r.get("table.duplicates");
    assertThat(d.unexpectedCount()).hasValue(2);
    assertThat(d.samples()).extracting(Sample::row).containsExactly(2L, 4L);
    CheckResult u = r.get("table.unique.a-b");
    assertThat(u.elementCount()).hasValue(4);
    assertThat(u.unexpectedCount()).hasValue(3);
  }

  @Test
  void aCheckOnAMissingColumnFailsWithASuggestion() throws Exception {
    CheckResult r = run("amount\n1\n", "columns: { amuont: { range: [0, 1] } }").get("amuont.range");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).isEqualTo("column 'amuont' is not in the data (did you mean 'amount'?)");
  }

  @Test
  void nonNumericValuesUnderANumericCheckAreUnexpectedValues() throws Exception {
    Map<String, CheckResult> r = run("x\n1\n2\nabc\n4\n", """
        columns:
          x:
            type: integer
            range: [0, 10]
            mean: [0, 10]
        """);
    assertThat(r.get("x.type").samples()).containsExactly(new Sample(3, "abc"));
    assertThat(r.get("x.range").samples()).containsExactly(new Sample(3, "abc"));
    assertThat(r.get("x.mean").passed()).isFalse();
    assertThat(r.get("x.mean").message()).contains("is not a number");
  }

  @Test
  void typeChecksParseTextInTheGivenFormat() throws Exception {
    Map<String, CheckResult> r = run("d\n01/02/2020\n31/12/2021\n2021-01-01\n", """
        columns:
          d: { type: { is: date, format: "%d/%m/%Y" } }
        """);
    assertThat(r.get("d.type").samples()).containsExactly(new Sample(3, "2021-01-01"));
  }

  @Test
  void checksTheRowCountAndTheColumnSet() throws Exception {
    Map<String, CheckResult> r = run("a,b\n1,2\n", """
        table:
          rows: { min: 2 }
          columns: [a, c]
        columns:
          b: { present: false }
        """);
    assertThat(r.get("table.rows").passed()).isFalse();
    assertThat(r.get("table.columns").message()).isEqualTo("missing: c; unexpected: b");
    assertThat(r.get("b.present").passed()).isFalse();
  }

  @Test
  void invalidSqlIsASuiteProblemButUnknownColumnsAreAFailedCheck() throws Exception {
    assertThatThrownBy(() -> run("a\n1\n", "sql: [\"a >\"]\n")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("suite.yaml:1:7: sql[0]: invalid SQL condition: Parser Error");
    CheckResult r = run("a\n1\n", "sql: [\"b > 1\"]\n").get("sql[0]");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("Binder Error");
  }
}
