package dev.kiln.core.step;

import dev.kiln.core.config.MapNode;
import java.util.Map;

/**
 * A built-in step that a stage runs with {@code uses: NAME} and configures with {@code with:}.
 * Implementations are found with {@link java.util.ServiceLoader}; each lives in the module that
 * owns its concern (validate-data in kiln-data, train in kiln-model, …).
 *
 * <p>The executor owns ordering, caching, retries and timeouts; a step only does its work. Its
 * {@link #version()} is part of every fingerprint, so changing what a step computes must change
 * its version, or stale results would be restored from the run-cache. A step whose result
 * depends on more than its files and params (upstream metrics, the version behind a registry
 * alias) says so in {@link #liveInputs}; a step whose effect lives outside its outs implements
 * {@link EffectfulStep}.
 */
public interface Step {

  /** The name used in {@code uses:}. */
  String name();

  /** Implementation version, part of the stage fingerprint. */
  String version();

  /** One line for help and for the list of known steps. */
  String summary();

  /** Checks {@code with:} at configuration time; every problem goes to {@code check}. */
  default void validate(MapNode with, StepCheck check) {}

  /** Files the step reads and writes, derived from {@code with:} (merged into deps and outs). */
  default StepPaths paths(Map<String, Object> with) {
    return StepPaths.NONE;
  }

  /**
   * What the step's result depends on beyond its deps, params and env, read when the stage is
   * decided: part of the fingerprint, and compared by {@code kiln status} like every other input
   * ("baseline credit-risk@production: v1 → v2"). Keys are names a user understands; values are
   * plain (String, Number, Boolean, List, Map). A stage with live inputs is up to date when they
   * and its other inputs are unchanged, even if it declares no deps, outs or params.
   */
  default Map<String, Object> liveInputs(InputContext context) {
    return Map.of();
  }

  /** Does the work. Throwing marks the stage failed with the exception's message. */
  StepResult run(StepContext context) throws Exception;
}
