package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens at DuckDB's memory limit: the budget of a query, and the message when one aggregate cannot fit. */
class MemoryLimitTest {
  @TempDir
  Path dir;

  @Test
  void anAggregateThatCannotFitTheLimitNamesItsColumnAndTheSettingToRaise() throws Exception {
    Path data = dir.resolve("many-values.csv");
    Random rnd = new Random(5);
    try (BufferedWriter w = Files.newBufferedWriter(data)) {
      w.write("amount,grade\n");
      for (int i = 0; i < 400_000; i++) {
        w.write(String.format(Locale.ROOT, "%.4f,%d%n", rnd.nextDouble() * 1000, rnd.nextInt(5)));
      }
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), ProfileProbe.class.getName(), data.toString()).redirectErrorStream(true);
    pb.environment().put("KILN_DATA_MEMORY", "10MB");
    pb.environment().put("KILN_DATA_THREADS", "2");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).startsWith("error: " + data + ": DuckDB ran out of memory computing the statistics of column 'amount': ")
        .contains("raise the memory limit with KILN_DATA_MEMORY (now 10MB), e.g. KILN_DATA_MEMORY=2GB")
        .doesNotContain("\tat ", "Possible solutions");
  }

  @Test
  void theBudgetOfAQueryGrowsWithTheMemoryLimit() {
    assertThat(ScanGroups.budget(EngineSettings.bytes("512MB"))).isEqualTo(256);
    assertThat(ScanGroups.budget(EngineSettings.bytes("2GiB"))).isEqualTo(1073);
    assertThat(ScanGroups.budget(EngineSettings.bytes("4MB"))).isEqualTo(8);
    assertThat(ScanGroups.budget(OptionalLong.empty())).isEqualTo(256);
    assertThat(EngineSettings.bytes("1.5 gb")).hasValue(1_500_000_000L);
    assertThat(EngineSettings.bytes("80%")).isEmpty();
  }

  @Test
  void aColumnsAggregatesStayTogetherAndNoQueryExceedsTheBudget() {
    List<String> e = List.of("count(\"a\")", "count(DISTINCT \"a\")", "quantile_cont(\"a\", 0.5)", "count(\"b\")",
        "count(DISTINCT \"b\")", "histogram(\"b\")");
    assertThat(ScanGroups.split(e, 13)).containsExactly(List.of(0, 1, 2), List.of(3, 4), List.of(5));
    assertThat(ScanGroups.split(e, 4)).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(5));
    assertThat(ScanGroups.split(e, 1000)).containsExactly(List.of(0, 1, 2, 3, 4, 5));
  }

  @Test
  void theColumnsOfAnExpressionAreItsQuotedIdentifiers() {
    assertThat(ScanGroups.columns("sum(\"a\"\"b\") FILTER (WHERE \"c\" <> 'it''s \"not\" a column' AND \"a\"\"b\" > 0)"))
        .containsExactly("a\"b", "c");
  }
}
