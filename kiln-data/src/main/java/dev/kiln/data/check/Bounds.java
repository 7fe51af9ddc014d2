package dev.kiln.data.check;

import java.util.OptionalDouble;

/**
 * An interval a value must lie in. Bounds are inclusive unless strict (Great Expectations'
 * {@code strict_min}/{@code strict_max}); a missing bound leaves that side open. Bounds on dates
 * and timestamps ({@code dates}) hold epoch seconds (UTC) and print as dates.
 */
public record Bounds(OptionalDouble min, OptionalDouble max, boolean strictMin, boolean strictMax, boolean dates) {

  public Bounds(OptionalDouble min, OptionalDouble max, boolean strictMin, boolean strictMax) {
    this(min, max, strictMin, strictMax, false);
  }

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

  /** Human form: {@code [0, 3]}, {@code (0, 3]}, {@code >= 5}, {@code < 1}, {@code [2020-01-01, 2024-12-31]}. */
  @Override
  public String toString() {
    if (min.isPresent() && max.isPresent()) {
      return (strictMin ? "(" : "[") + show(min.getAsDouble()) + ", " + show(max.getAsDouble()) + (strictMax ? ")" : "]");
    }
    if (min.isPresent()) {
      return (strictMin ? "> " : ">= ") + show(min.getAsDouble());
    }
    if (max.isPresent()) {
      return (strictMax ? "< " : "<= ") + show(max.getAsDouble());
    }
    return "any";
  }

  /** One bound as people read it: a number, or a date. */
  String show(double v) {
    return dates ? date(v) : num(v);
  }

  /** Epoch seconds as a date ({@code 2020-01-01}), or a timestamp (UTC) when not at midnight. */
  public static String date(double epochSeconds) {
    java.time.Instant t = java.time.Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    java.time.LocalDateTime d = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    if (d.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
      return d.toLocalDate().toString();
    }
    return d.format(java.time.format.DateTimeFormatter.ofPattern(d.getNano() == 0 ? "yyyy-MM-dd HH:mm:ss"
        : "yyyy-MM-dd HH:mm:ss.SSS"));
  }

  /**
   * A date ({@code 2020-01-01}) or timestamp ({@code 2020-01-01T08:30:00}, {@code 2020-01-01
   * 08:30:00}, UTC) as epoch seconds; empty when the text is neither.
   */
  static OptionalDouble parseDate(String text) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return OptionalDouble.of(java.time.LocalDate.parse(t).toEpochDay() * 86_400.0);
      }
      java.time.LocalDateTime d = java.time.LocalDateTime.parse(t.replace(' ', 'T'));
      return OptionalDouble.of(d.toEpochSecond(java.time.ZoneOffset.UTC) + d.getNano() / 1e9);
    } catch (java.time.format.DateTimeParseException e) {
      return OptionalDouble.empty();
    }
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
