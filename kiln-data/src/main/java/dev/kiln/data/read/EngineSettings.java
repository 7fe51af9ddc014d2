package dev.kiln.data.read;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB settings every Kiln connection gets: a memory limit (default 512MB, or
 * {@code $KILN_DATA_MEMORY}), spilling to a temporary directory beyond it, and the number of
 * threads ({@code $KILN_DATA_THREADS}; default twice the cores, at most 8: a fused scan of many
 * aggregates ran about 20% faster with 4 threads than with 2 on a 2-core machine, see
 * docs/benchmarks.md).
 */
public final class EngineSettings {
  private EngineSettings() {}

  public static String memoryLimit() {
    String v = System.getenv("KILN_DATA_MEMORY");
    return v == null || v.isBlank() ? "512MB" : v.strip();
  }

  public static int threads() {
    String v = System.getenv("KILN_DATA_THREADS");
    if (v != null && v.matches("[1-9][0-9]{0,3}")) {
      return Integer.parseInt(v);
    }
    return Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
  }

  static void apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET memory_limit = " + Sql.text(memoryLimit()));
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "kiln-duckdb");
      s.execute("SET temp_directory = " + Sql.text(tmp.toString()));
      s.execute("SET threads = " + threads());
      if (ScanProgress.on()) {
        s.execute("SET enable_progress_bar = true");
        s.execute("SET enable_progress_bar_print = false");
      }
    }
  }
}
