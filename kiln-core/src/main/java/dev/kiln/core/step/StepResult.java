package dev.kiln.core.step;

import dev.kiln.core.history.StageOutput;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a step reports: whether it passed, failed or waits (for a person's approval), why (in
 * words), the numbers it measured (recorded as the stage's metrics, usable by gates), details
 * worth listing (failing checks, gate reasons, …), and optionally one typed value for the steps
 * downstream ({@link #with}).
 */
public record StepResult(Outcome outcome, String reason, Map<String, Double> metrics, List<String> details,
    StageOutput output) {

  /** How the step ended. */
  public enum Outcome { PASSED, FAILED, WAITING }

  public StepResult {
    metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    details = List.copyOf(details);
    output = output == null ? StageOutput.NONE : output;
  }

  public StepResult(Outcome outcome, String reason, Map<String, Double> metrics, List<String> details) {
    this(outcome, reason, metrics, details, StageOutput.NONE);
  }

  /** This result, handing {@code value} to the stages downstream. */
  public <T> StepResult with(OutputType<T> type, T value) {
    return new StepResult(outcome, reason, metrics, details, type.store(value).exporting(output.exports()));
  }

  /**
   * This result, setting environment variables for the commands of every stage downstream
   * ({@code KILN_ENDPOINT_STAGING=http://127.0.0.1:8080}). Names are upper-case letters, digits and '_'.
   */
  public StepResult exporting(Map<String, String> variables) {
    variables.keySet().forEach(k -> {
      if (!k.matches("[A-Z_][A-Z0-9_]*")) {
        throw new IllegalArgumentException("an exported variable name is upper-case letters, digits and '_': " + k);
      }
    });
    return new StepResult(outcome, reason, metrics, details, output.exporting(variables));
  }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  public static StepResult passed(String reason, Map<String, Double> metrics) {
    return new StepResult(Outcome.PASSED, reason, metrics, List.of());
  }

  public static StepResult passed(String reason, Map<String, Double> metrics, List<String> details) {
    return new StepResult(Outcome.PASSED, reason, metrics, details);
  }

  public static StepResult failed(String reason, Map<String, Double> metrics, List<String> details) {
    return new StepResult(Outcome.FAILED, reason, metrics, details);
  }

  /** The stage stops here; the run waits (exit code 3) until someone decides. */
  public static StepResult waiting(String reason, Map<String, Double> metrics, List<String> details) {
    return new StepResult(Outcome.WAITING, reason, metrics, details);
  }
}
