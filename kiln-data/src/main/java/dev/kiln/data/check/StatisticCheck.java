package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import java.util.List;
import java.util.OptionalLong;

/**
 * A statistic of a column's non-missing values against bounds. Quantiles share one
 * {@code quantile_cont} per column (linear interpolation, as NumPy's default); {@code std} is the
 * sample standard deviation. Text columns are read as numbers; if some values are not numbers the
 * check fails and shows them.
 */
final class StatisticCheck implements Compiled {
  private final Check.Statistic check;
  private final Col col;
  private final QuantileSlots quantiles;
  private int slot;
  private int countSlot;
  private int notNumberSlot = -1;

  StatisticCheck(Check.Statistic check, Col col, QuantileSlots quantiles) {
    this.check = check;
    this.col = col;
    this.quantiles = quantiles;
    if (check.stat() == Check.Stat.MEDIAN || check.stat() == Check.Stat.QUANTILE) {
      quantiles.request(col, level());
    }
  }

  private double level() {
    return check.stat() == Check.Stat.MEDIAN ? 0.5 : check.q();
  }

  @Override
  public Check check() {
    return check;
  }

  @Override
  public void plan(Aggregates scan) {
    String v = col.number();
    countSlot = scan.add(check.stat().numeric() ? "count(" + v + ")" : "count(" + col.ident() + ")");
    if (check.stat().numeric() && col.type() == dev.kiln.stats.profile.DataType.STRING) {
      notNumberSlot = scan.add("count(*) FILTER (WHERE " + col.notANumber() + ")");
    }
    switch (check.stat()) {
      case MIN -> slot = scan.add("min(" + v + ")");
      case MAX -> slot = scan.add("max(" + v + ")");
      case MEAN -> slot = scan.add("avg(" + v + ")");
      case STD -> slot = scan.add("stddev_samp(" + v + ")");
      case DISTINCT -> slot = scan.add("count(DISTINCT " + col.ident() + ")");
      case MOST_COMMON_SHARE -> slot = scan.add("list_max(map_values(histogram(" + col.ident() + ")))");
      case MEDIAN, QUANTILE -> slot = quantiles.plan(col, scan);
    }
  }

  @Override
  public CheckResult result(Row first, Row second, FollowUp followUp) {
    long n = first.count(countSlot);
    if (notNumberSlot >= 0 && first.count(notNumberSlot) > 0) {
      long bad = first.count(notNumberSlot);
      List<Sample> s = followUp.samples(col.notANumber(), col.ident());
      return fail(null, bad + (bad == 1 ? " value" : " values") + " of '" + col.name() + "' " + (bad == 1 ? "is" : "are")
          + " not a number, so its " + what()
          + " is undefined", s);
    }
    Double observed = observed(first, n);
    if (observed == null || observed.isNaN()) {
      return fail(null, "no values, so the " + what() + " is undefined", List.of());
    }
    boolean passed = check.bounds().contains(observed);
    String message = what() + " is " + Bounds.num(observed) + (passed ? ", within " : ", outside ") + check.bounds();
    return new CheckResult(check, passed, observed, check.bounds().toString(), OptionalLong.of(n), OptionalLong.empty(),
        List.of(), message);
  }

  private Double observed(Row first, long n) {
    switch (check.stat()) {
      case DISTINCT:
        return (double) first.count(slot);
      case MOST_COMMON_SHARE:
        return n == 0 ? null : first.number(slot) / n;
      case MEDIAN:
      case QUANTILE:
        return n == 0 ? null : quantiles.value(col, level(), first);
      default:
        return first.isNull(slot) ? null : first.number(slot);
    }
  }

  private String what() {
    return check.stat() == Check.Stat.QUANTILE ? "quantile " + Bounds.num(check.q()) : check.stat().label().replace('_', ' ');
  }

  private CheckResult fail(Object observed, String message, List<Sample> samples) {
    return new CheckResult(check, false, observed, check.bounds().toString(), OptionalLong.empty(), OptionalLong.empty(),
        samples, message);
  }
}
