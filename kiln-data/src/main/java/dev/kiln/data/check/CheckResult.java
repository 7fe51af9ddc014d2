package dev.kiln.data.check;

import dev.kiln.data.Severity;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of one check: passed or not, what was observed, against what threshold, and for
 * row-level checks the counts Great Expectations reports — {@code element_count} (values
 * considered), {@code unexpected_count}, {@code unexpected_percent} (of the values considered) —
 * with up to 20 failing values and their rows. {@code message} says it in words.
 */
public record CheckResult(
    Check check,
    boolean passed,
    Object observed,
    String threshold,
    OptionalLong elementCount,
    OptionalLong unexpectedCount,
    List<Sample> samples,
    String message) {

  /** Failing values kept per check. */
  public static final int MAX_SAMPLES = 20;

  public CheckResult {
    samples = List.copyOf(samples);
  }

  public String id() {
    return check.id();
  }

  public Severity severity() {
    return check.meta().severity();
  }

  public Optional<Double> unexpectedPercent() {
    if (elementCount.isEmpty() || unexpectedCount.isEmpty()) {
      return Optional.empty();
    }
    long n = elementCount.getAsLong();
    return Optional.of(n == 0 ? 0.0 : 100.0 * unexpectedCount.getAsLong() / n);
  }

  /** A failed error-severity check fails the validation. */
  public boolean blocking() {
    return !passed && severity() == Severity.ERROR;
  }

  CheckResult withSamples(List<Sample> s) {
    return new CheckResult(check, passed, observed, threshold, elementCount, unexpectedCount, s, message);
  }
}
