package dev.kiln.cli;

/** Exit codes a CI system can act on. Documented in README.md. */
public final class ExitCodes {
  /** Everything asked for succeeded. */
  public static final int OK = 0;
  /** A stage or a gate failed. */
  public static final int FAILED = 1;
  /** Bad usage or configuration (kiln.yaml, a check suite, arguments). */
  public static final int USAGE = 2;
  /** The run stopped at a gate waiting for manual approval. */
  public static final int WAITING = 3;
  /** Another kiln run holds this project's lock. */
  public static final int BUSY = 4;
  /** The run was cancelled (Ctrl-C or SIGTERM). */
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
