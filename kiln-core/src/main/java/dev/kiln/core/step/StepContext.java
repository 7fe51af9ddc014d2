package dev.kiln.core.step;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Everything a running step may use: what {@link InputContext} offers, plus its run, its log
 * (written lines stream live and are saved), a directory for reports, and cancellation.
 */
public interface StepContext extends InputContext {

  long runId();

  PrintStream log();

  /** Directory for this stage's reports in this run ({@code .kiln/runs/ID/STAGE/}). */
  Path reportDir();

  /** True once the run is cancelled; long steps should check it and stop. */
  boolean cancelled();
}
