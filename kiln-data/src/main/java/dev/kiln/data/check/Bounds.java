package dev.kiln.data.check;

import java.util.OptionalDouble;

/**
 * An interval a value must lie in. Bounds are inclusive unless strict (Great Expectations'
 * {@code strict_min}/{@code strict_max}); a missing bound leaves that side open.
 */
public record Bounds(OptionalDouble min, OptionalDouble max, boolean strictMin, boolean strictMax) {

  public static final Bounds ANY = new Bounds(OptionalDouble.empty(), OptionalDouble.empty(), false, false);

  public static Bounds between(double min, double max) {
    return new Bounds(OptionalDouble.of(min), OptionalDouble.of(max), false, false);
  }

  public static Bounds atMost(double max) {
    return new Bounds(OptionalDouble.empty(), OptionalDouble.of(max), false, false);
  }

  public static Bounds atLeast(double min) {
    return new Bounds(OptionalDouble.of(min), OptionalDouble.empty(), false, false);
  }

  public boolean contains(double v) {
    if (Double.isNaN(v)) {
      return false;
    }
    if (min.isPresent() && (strictMin ? v <= min.getAsDouble() : v < min.getAsDouble())) {
      return false;
    }
    return !(max.isPresent() && (strictMax ? v >= max.getAsDouble() : v > max.getAsDouble()));
  }

  public boolean isOpen() {
    return min.isEmpty() && max.isEmpty();
  }

  /** A SQL condition that is true for values outside the bounds ({@code expr} is a DOUBLE expression). */
  String violationSql(String expr) {
    StringBuilder sb = new StringBuilder();
    if (min.isPresent()) {
      sb.append(expr).append(strictMin ? " <= " : " < ").append(dev.kiln.data.read.Sql.number(min.getAsDouble()));
    }
    if (max.isPresent()) {
      sb.append(sb.length() > 0 ? " OR " : "").append(expr).append(strictMax ? " >= " : " > ")
          .append(dev.kiln.data.read.Sql.number(max.getAsDouble()));
    }
    return sb.length() == 0 ? "FALSE" : "(" + sb + ")";
  }

  /** Human form: {@code [0, 3]}, {@code (0, 3]}, {@code >= 5}, {@code < 1}. */
  @Override
  public String toString() {
    if (min.isPresent() && max.isPresent()) {
      return (strictMin ? "(" : "[") + num(min.getAsDouble()) + ", " + num(max.getAsDouble()) + (strictMax ? ")" : "]");
    }
    if (min.isPresent()) {
      return (strictMin ? "> " : ">= ") + num(min.getAsDouble());
    }
    if (max.isPresent()) {
      return (strictMax ? "< " : "<= ") + num(max.getAsDouble());
    }
    return "any";
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
