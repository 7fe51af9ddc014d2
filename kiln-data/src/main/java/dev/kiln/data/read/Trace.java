package dev.kiln.data.read;

/**
 * With {@code $KILN_DATA_TRACE} set, every query Kiln sends to DuckDB is reported on stderr with
 * its duration: how benchmarks see where the time goes.
 */
public final class Trace {
  private static final boolean ON = System.getenv("KILN_DATA_TRACE") != null;
  private static final boolean FULL = "sql".equals(System.getenv("KILN_DATA_TRACE"));

  private Trace() {}

  public static long start() {
    return ON ? System.nanoTime() : 0;
  }

  public static void end(long start, String what, String sql) {
    if (ON) {
      String s = sql.replaceAll("\\s+", " ");
      System.err.printf("[kiln-data] %7.3f s  %s  %s%n", (System.nanoTime() - start) / 1e9, what,
          s.length() > 160 && !FULL ? s.substring(0, 160) + "…" : s);
    }
  }
}
