package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanProgressTest {
  @TempDir
  Path dir;

  @AfterEach
  void off() {
    ScanProgress.off();
  }

  @Test
  void aLongScanShowsItsProgressOnOneLineAndErasesItAtTheEnd() throws Exception {
    Path csv = dir.resolve("big.csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT i AS id, i % 977 AS x, 'v' || (i % 13) AS s FROM range(2000000) t(i)) TO '"
          + csv + "' (HEADER)");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ScanProgress.showOn(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0, 5);
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      Aggregates a = new Aggregates();
      int n = a.add("count(DISTINCT id)");
      a.add("quantile_cont(x, 0.5)");
      Row r = a.run(ds.connection(), DataSource.VIEW, ds.location());
      assertThat(r.count(n)).isEqualTo(2_000_000);
    }
    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("\rscanning big.csv: ").containsPattern("\\d+%").endsWith("\r\u001b[K");
  }
}
