package dev.kiln.data.read;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB settings every Kiln connection gets: a memory limit (default 512MB, or
 * {@code $KILN_DATA_MEMORY}), spilling to a temporary directory beyond it, and the number of
 * threads ({@code $KILN_DATA_THREADS}; default twice the cores, at most 8: a fused scan of many
 * aggregates ran about 20% faster with 4 threads than with 2 on a 2-core machine, see
 * docs/benchmarks.md).
 */
public final class EngineSettings {
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGT]?I?B?)\\s*");

  private EngineSettings() {}

  public static String memoryLimit() {
    String v = System.getenv("KILN_DATA_MEMORY");
    return v == null || v.isBlank() ? "512MB" : v.strip();
  }

  /**
   * {@link #memoryLimit()} in bytes: a number with an optional unit (B, KB, MB, GB, TB, or KiB, MiB,
   * GiB, TiB; case does not matter). Empty for anything else (DuckDB then says what it rejects).
   */
  public static OptionalLong memoryBytes() {
    return bytes(memoryLimit());
  }

  static OptionalLong bytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    int power = unit.isEmpty() || unit.equals("B") ? 0 : "KMGT".indexOf(unit.charAt(0)) + 1;
    double base = unit.contains("I") ? 1024 : 1000;
    return OptionalLong.of((long) (Double.parseDouble(m.group(1)) * Math.pow(base, power)));
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
