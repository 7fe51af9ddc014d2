package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Uniqueness and duplicates. The fused scan counts distinct values (hashes for several columns);
 * only when that shows repeats does an exact grouped query count the unexpected rows:
 * <ul>
 *   <li>{@code unique} / {@code unique_combination}: every row of a repeated value is unexpected
 *       (Great Expectations), over rows with a value (at least one non-null key column);</li>
 *   <li>{@code duplicates}: rows that repeat an earlier row (pandas {@code duplicated()}), over all rows.</li>
 * </ul>
 */
final class RepeatCheck implements Compiled {
  private final Check check;
  private final List<Col> cols;
  private final boolean firstOccurrenceExpected;
  private int rowsSlot;
  private int distinctSlot;

  RepeatCheck(Check check, List<Col> cols, boolean firstOccurrenceExpected) {
    this.check = check;
    this.cols = List.copyOf(cols);
    this.firstOccurrenceExpected = firstOccurrenceExpected;
  }

  @Override
  public Check check() {
    return check;
  }

  private String keys() {
    return cols.stream().map(Col::ident).collect(Collectors.joining(", "));
  }

  /** Rows considered: all rows for duplicates; rows with a value otherwise. */
  private String considered() {
    if (firstOccurrenceExpected) {
      return "TRUE";
    }
    return "NOT (" + cols.stream().map(c -> c.ident() + " IS NULL").collect(Collectors.joining(" AND ")) + ")";
  }

  private String distinctKey() {
    return cols.size() == 1 ? cols.get(0).ident() : "hash(" + keys() + ")";
  }

  @Override
  public void plan(Aggregates scan) {
    if (firstOccurrenceExpected) {
      rowsSlot = scan.add("count(*)");
      distinctSlot = scan.add("count(DISTINCT " + distinctKey() + ")");
    } else if (cols.size() == 1) {
      rowsSlot = scan.add("count(" + cols.get(0).ident() + ")");
      distinctSlot = scan.add("count(DISTINCT " + cols.get(0).ident() + ")");
    } else {
      rowsSlot = scan.add("count(*) FILTER (WHERE " + considered() + ")");
      distinctSlot = scan.add("count(DISTINCT " + distinctKey() + ") FILTER (WHERE " + considered() + ")");
    }
  }

  @Override
  public CheckResult result(Row first, Row second, FollowUp followUp) {
    long n = first.count(rowsSlot);
    long distinct = first.count(distinctSlot);
    long bad = distinct >= n ? 0 : followUp.number(exactSql());
    String expectation = firstOccurrenceExpected ? "first occurrences (the others repeat an earlier row)" : "unique";
    return RowLevelCheck.judge(check, n, bad, expectation, () -> followUp.samplesFrom(sampleSql()));
  }

  private String exactSql() {
    String grouped = "SELECT count(*) AS n FROM " + DataSource.VIEW + " WHERE " + considered() + " GROUP BY " + keys();
    return firstOccurrenceExpected
        ? "SELECT coalesce(sum(n - 1), 0) FROM (" + grouped + ")"
        : "SELECT coalesce(sum(n), 0) FROM (" + grouped + " HAVING count(*) > 1)";
  }

  private String value() {
    if (cols.size() == 1) {
      return "CAST(" + cols.get(0).ident() + " AS VARCHAR)";
    }
    return cols.stream().map(c -> "'" + c.name().replace("'", "''") + "=' || coalesce(CAST(" + c.ident()
        + " AS VARCHAR), 'null')").collect(Collectors.joining(" || ', ' || "));
  }

  private String sampleSql() {
    if (firstOccurrenceExpected) {
      return "SELECT __row, v FROM (SELECT __row, " + value() + " AS v, row_number() OVER (PARTITION BY " + keys()
          + " ORDER BY __row) AS __k FROM " + FollowUp.NUMBERED + ") WHERE __k > 1 ORDER BY __row LIMIT "
          + CheckResult.MAX_SAMPLES;
    }
    return "SELECT __row, " + value() + " FROM " + FollowUp.NUMBERED + " WHERE " + considered() + " AND hash(" + keys()
        + ") IN (SELECT hash(" + keys() + ") FROM " + DataSource.VIEW + " WHERE " + considered() + " GROUP BY " + keys()
        + " HAVING count(*) > 1) ORDER BY __row LIMIT " + CheckResult.MAX_SAMPLES;
  }
}
