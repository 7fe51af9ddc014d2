package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import java.util.List;
import java.util.OptionalLong;

/**
 * The share of values beyond fences: Tukey's IQR fences Q1 − k·IQR, Q3 + k·IQR, or mean ± k·σ
 * (σ the population standard deviation, as {@code scipy.stats.zscore}). The fences come from the
 * first scan; when its minimum and maximum lie inside them there are no outliers, otherwise a
 * second scan counts them.
 */
final class OutlierCheck implements Compiled {
  private final Check.Outliers check;
  private final Col col;
  private final QuantileSlots quantiles;
  private int q;
  private int mean;
  private int std;
  private int count;
  private int min;
  private int max;
  private int beyond = -1;
  private double lo;
  private double hi;

  OutlierCheck(Check.Outliers check, Col col, QuantileSlots quantiles) {
    this.check = check;
    this.col = col;
    this.quantiles = quantiles;
    if (check.method() == Check.OutlierMethod.IQR) {
      quantiles.request(col, 0.25);
      quantiles.request(col, 0.75);
    }
  }

  @Override
  public Check check() {
    return check;
  }

  @Override
  public void plan(Aggregates scan) {
    count = scan.add("count(" + col.number() + ")");
    min = scan.add("min(" + col.number() + ")");
    max = scan.add("max(" + col.number() + ")");
    if (check.method() == Check.OutlierMethod.IQR) {
      q = quantiles.plan(col, scan);
    } else {
      mean = scan.add("avg(" + col.number() + ")");
      std = scan.add("stddev_pop(" + col.number() + ")");
    }
  }

  @Override
  public void planSecond(Row first, Aggregates second) {
    if (first.count(count) == 0) {
      return;
    }
    if (check.method() == Check.OutlierMethod.IQR) {
      double q1 = quantiles.value(col, 0.25, first);
      double q3 = quantiles.value(col, 0.75, first);
      lo = q1 - check.k() * (q3 - q1);
      hi = q3 + check.k() * (q3 - q1);
    } else {
      double m = first.number(mean);
      double s = first.number(std);
      lo = m - check.k() * s;
      hi = m + check.k() * s;
    }
    if (first.number(min) < lo || first.number(max) > hi) {
      beyond = second.add("count(*) FILTER (WHERE " + condition() + ")");
    }
  }

  private String condition() {
    String v = col.number();
    return "(" + v + " < " + Sql.number(lo) + " OR " + v + " > " + Sql.number(hi) + ")";
  }

  @Override
  public CheckResult result(Row first, Row second, FollowUp followUp) {
    long n = first.count(count);
    long bad = beyond < 0 ? 0 : second.count(beyond);
    double share = n == 0 ? 0 : (double) bad / n;
    boolean passed = share <= check.maxShare();
    String fences = "[" + Bounds.num(lo) + ", " + Bounds.num(hi) + "]";
    String method = check.method() == Check.OutlierMethod.IQR ? "IQR fences (k = " + Bounds.num(check.k()) + ")"
        : "|z| <= " + Bounds.num(check.k());
    String message = n == 0 ? "no values to check" : bad + " of " + n + " values (" + RowLevelCheck.percent(bad, n)
        + ") outside " + method + " " + fences + "; at most " + RowLevelCheck.percent(Math.round(check.maxShare() * 1e6),
        1_000_000) + " allowed";
    List<Sample> s = passed ? List.of() : followUp.samples(condition(), col.ident());
    return new CheckResult(check, passed, share, "share <= " + Bounds.num(check.maxShare()) + " beyond " + method,
        OptionalLong.of(n), OptionalLong.of(bad), s, message);
  }
}
