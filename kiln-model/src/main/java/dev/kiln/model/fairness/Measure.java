package dev.kiln.model.fairness;

import java.util.function.DoubleBinaryOperator;

/** One fairness figure: its value, or the reason it has none (never NaN). */
sealed interface Measure {

  /** A computed value. */
  record Known(double value) implements Measure {}

  /** No value, and why, in words a user can act on. */
  record Undefined(String reason) implements Measure {}

  static Measure of(double value) {
    return new Known(value);
  }

  static Measure undefined(String reason) {
    return new Undefined(reason);
  }

  /** {@code op(a, b)} when both are known; otherwise undefined with the reasons of those that are not. */
  static Measure combine(Measure a, Measure b, DoubleBinaryOperator op) {
    if (a instanceof Known x && b instanceof Known y) {
      return of(op.applyAsDouble(x.value(), y.value()));
    }
    return undefined(Reasons.join(reason(a), reason(b)));
  }

  private static String reason(Measure m) {
    return m instanceof Undefined u ? u.reason() : "";
  }
}
