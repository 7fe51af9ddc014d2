package dev.kiln.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Suite;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same suite gives the same results on CSV, Parquet, JSON Lines and a glob of CSV files. */
class FormatsTest {
  @TempDir
  Path dir;

  @Test
  void validatesCsvParquetJsonLinesAndGlobsAlike() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String rows = "SELECT i AS id, i % 7 AS k, 'v' || (i % 3) AS s FROM range(1000) t(i)";
      s.execute("COPY (" + rows + ") TO '" + dir.resolve("d.parquet") + "' (FORMAT parquet)");
      s.execute("COPY (" + rows + ") TO '" + dir.resolve("d.jsonl") + "' (FORMAT json)");
      s.execute("COPY (" + rows + " WHERE i < 500) TO '" + dir.resolve("part-1.csv") + "' (HEADER)");
      s.execute("COPY (" + rows + " WHERE i >= 500) TO '" + dir.resolve("part-2.csv") + "' (HEADER)");
    }
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, """
        table: { rows: [1000, 1000] }
        columns:
          id: { unique: true, range: [0, 999] }
          k: { in-set: [0, 1, 2, 3, 4, 5, 6], mean: [2.9, 3.1] }
          s: { regex: "v[0-2]" }
        """);
    for (String data : new String[] {"d.parquet", "d.jsonl", "part-*.csv"}) {
      Validation v = new Validator(dir).validate(dir.resolve(data).toString(), Suite.parse(suite), Optional.empty());
      assertThat(v.rows()).as(data).isEqualTo(1000);
      assertThat(v.checks()).as(data).allMatch(CheckResult::passed);
    }
  }
}
