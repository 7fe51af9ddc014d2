package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import java.util.List;
import java.util.OptionalLong;

/**
 * A row-level check with a per-row condition: counts the rows where {@code unexpected} holds
 * among those {@code considered}, and passes when the expected share is at least {@code mostly}
 * (vacuously when nothing is considered).
 */
final class RowLevelCheck implements Compiled {
  private final Check check;
  private final String unexpected;
  private final String considered;
  private final String value;
  private final String expectation;
  private int unexpectedSlot;
  private int consideredSlot;

  /**
   * @param unexpected SQL true for an unexpected row
   * @param considered the SQL count of rows considered ({@code count(*)} or {@code count(col)})
   * @param value the SQL expression shown for failing rows
   * @param expectation what is expected, in words ("in [0, 3]")
   */
  RowLevelCheck(Check check, String unexpected, String considered, String value, String expectation) {
    this.check = check;
    this.unexpected = unexpected;
    this.considered = considered;
    this.value = value;
    this.expectation = expectation;
  }

  @Override
  public Check check() {
    return check;
  }

  @Override
  public void plan(Aggregates scan) {
    unexpectedSlot = unexpected.endsWith(" AND FALSE") ? -1 : scan.add("count(*) FILTER (WHERE " + unexpected + ")");
    consideredSlot = scan.add(considered);
  }

  @Override
  public CheckResult result(Row first, Row second, FollowUp followUp) {
    long bad = unexpectedSlot < 0 ? 0 : first.count(unexpectedSlot);
    return judge(check, first.count(consideredSlot), bad, expectation,
        () -> followUp.samples(unexpected, value));
  }

  /** The Great Expectations rule: (n − unexpected) / n ≥ mostly; vacuously true when n = 0. */
  static CheckResult judge(Check check, long n, long bad, String expectation,
      java.util.function.Supplier<List<Sample>> samples) {
    double mostly = check.meta().mostly();
    double share = n == 0 ? 1.0 : (double) (n - bad) / n;
    boolean passed = n == 0 || share >= mostly;
    String threshold = "mostly " + Bounds.num(mostly) + " " + expectation;
    String message = n == 0 ? "no values to check"
        : bad == 0 ? (n == 1 ? "the value is " : "all " + n + " values ") + expectation
        : bad + " of " + n + " " + (n == 1 ? "value" : "values") + " (" + percent(bad, n) + ") not " + expectation
        + (mostly < 1 ? "; " + percent(n - (long) Math.ceil(mostly * n - 1e-9), n) + " allowed (mostly "
        + Bounds.num(mostly) + ")" : "");
    List<Sample> s = passed ? List.of() : samples.get();
    return new CheckResult(check, passed, share, threshold, OptionalLong.of(n), OptionalLong.of(bad), s, message);
  }

  static String percent(long part, long whole) {
    double p = whole == 0 ? 0 : 100.0 * part / whole;
    if (p == 0 || p == 100 || p >= 1) {
      return String.format(java.util.Locale.ROOT, "%.1f%%", p).replace(".0%", "%");
    }
    return String.format(java.util.Locale.ROOT, "%.3g%%", p);
  }
}
