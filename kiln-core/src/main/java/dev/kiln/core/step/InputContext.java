package dev.kiln.core.step;

import dev.kiln.core.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step may read about its stage and the stages upstream of it: its configuration, the
 * params it declared, the metrics and published values of upstream stages, and the services
 * the host offers. {@link Step#liveInputs} gets one when the stage is decided; a running step
 * gets the richer {@link StepContext}.
 */
public interface InputContext {

  Path projectDir();

  String stageName();

  /** The stage's {@code with:} values, plain (String, Number, Boolean, List, Map). */
  Map<String, Object> with();

  /** Values of the params this stage declared, by dotted key. */
  Map<String, Object> params();

  /** The pipeline this stage belongs to. */
  Pipeline pipeline();

  /** Every stage this one transitively depends on, in pipeline order. */
  List<String> upstreamStages();

  /** Metrics recorded by an upstream stage in this run (or the run it was restored from). */
  Map<String, Double> upstreamMetrics(String stage);

  /**
   * Details an upstream stage recorded (failing checks, "undefined: METRIC: REASON" lines for
   * metrics it could not compute).
   */
  default List<String> upstreamDetails(String stage) {
    return List.of();
  }

  /** Values of this type published by upstream stages, in pipeline order. */
  default <T> List<Upstream<T>> upstream(OutputType<T> type) {
    return List.of();
  }

  /** A service the host provides (a registry, a store), if it has one of that type. */
  <T> Optional<T> service(Class<T> type);

  /** The clock every time a step records comes from. */
  default Clock clock() {
    return Clock.systemUTC();
  }

  default Path resolve(String projectRelative) {
    return projectDir().resolve(projectRelative).normalize();
  }
}
