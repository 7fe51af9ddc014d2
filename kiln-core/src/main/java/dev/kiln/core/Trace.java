package dev.kiln.core;

/**
 * Phase timings on stderr when {@code KILN_TRACE=1}: where a command spends its time, measured
 * from JVM start. Off by default; costs one branch per mark.
 */
public final class Trace {
  private static final boolean ON = "1".equals(System.getenv("KILN_TRACE"));
  private static final long START = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

  private Trace() {}

  public static void mark(String what) {
    if (ON) {
      System.err.printf("[trace] %5d ms  %s%n", System.currentTimeMillis() - START, what);
    }
  }
}
