package dev.kiln.serve.monitor;

/**
 * One action of a rule. It reports what it did through {@code done} — at once, or later for
 * actions that run on their own threads (webhooks) — and never blocks for long: the monitor's
 * thread also judges the next windows.
 */
interface MonitorAction {
  String name();

  void run(Alarm alarm, Done done);

  /** Receives an action's result: status ok, failed or skipped, and a detail in words. */
  interface Done {
    void report(String status, String detail);
  }
}
