package dev.kiln.core.step;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Everything a running step may use. Output written to {@link #log()} streams live and is saved. */
public interface StepContext {

  Path projectDir();

  long runId();

  String stageName();

  /** The stage's {@code with:} values, plain (String, Number, Boolean, List, Map). */
  Map<String, Object> with();

  /** Values of the params this stage declared, by dotted key. */
  Map<String, Object> params();

  PrintStream log();

  /** Directory for this stage's reports in this run ({@code .kiln/runs/ID/STAGE/}). */
  Path reportDir();

  /** True once the run is cancelled; long steps should check it and stop. */
  boolean cancelled();

  /** The pipeline this stage belongs to. */
  dev.kiln.core.pipeline.Pipeline pipeline();

  /** Every stage this one transitively depends on, in pipeline order. */
  java.util.List<String> upstreamStages();

  /** Metrics recorded by an upstream stage in this run (or the run it was restored from). */
  Map<String, Double> upstreamMetrics(String stage);

  /** A service the host provides (a registry, a store), if it has one of that type. */
  <T> Optional<T> service(Class<T> type);

  default Path resolve(String projectRelative) {
    return projectDir().resolve(projectRelative).normalize();
  }
}
