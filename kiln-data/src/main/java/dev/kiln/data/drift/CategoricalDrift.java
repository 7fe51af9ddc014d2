package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.drift.CategoricalReference;
import dev.kiln.stats.drift.DriftStatistic;
import dev.kiln.stats.profile.ColumnProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drift of a text or boolean column: the fused scan counts the current values of the reference's
 * categories (all of them when the profile has them all, else its most frequent) and the rest
 * together; values never seen in a complete reference are reported as new categories.
 */
final class CategoricalDrift extends ColumnDrift {
  static final int PLOT_CATEGORIES = 20;
  private final ColumnInfo info;
  private final ColumnProfile rp;
  private final CategoricalReference ref;
  private final List<String> cats;
  private int count;
  private int hist = -1;
  private String skip = "";
  private long newValues;

  CategoricalDrift(ColumnInfo info, ColumnProfile rp, DriftTest test, double threshold, Severity severity,
      boolean label) {
    super(info.name(), test, threshold, severity, label);
    this.info = info;
    this.rp = rp;
    this.ref = new CategoricalReference(rp);
    this.cats = ref.categories();
  }

  @Override
  void plan(Aggregates scan) {
    String v = Sql.value(info);
    count = scan.add("count(" + v + ")");
    if (!cats.isEmpty()) {
      hist = scan.add("histogram(" + v + ") FILTER (WHERE " + v + " IN (" + String.join(", ",
          cats.stream().map(Sql::text).toList()) + "))");
    }
  }

  @Override
  Optional<DriftResult> finish(Row row, DriftFollowUp followUp) {
    long n = row.count(count);
    if (n == 0) {
      skip = column + ": no values in the current data";
      return Optional.empty();
    }
    if (test.numericOnly()) {
      skip = column + ": " + test.label() + " needs numbers, and '" + column + "' holds " + info.type().label() + " values";
      return Optional.empty();
    }
    Map<Object, Long> got = hist < 0 ? Map.of() : row.counts(hist);
    long[] known = new long[cats.size()];
    long curKnown = 0;
    for (int i = 0; i < cats.size(); i++) {
      known[i] = got.getOrDefault(cats.get(i), 0L);
      curKnown += known[i];
    }
    newValues = ref.complete() ? n - curKnown : 0;
    Counts counts = ref.counts(known, n);
    DriftStatistic s = CategoricalReference.test(test, counts);
    return Optional.of(result(s.statistic(), s.pValue(), true, 0, rp.nonMissing(), n, plot(counts)));
  }

  private DriftResult.Plot plot(Counts c) {
    if (c.labels().size() <= PLOT_CATEGORIES + 1) {
      return DriftResult.Plot.of(c.compact());
    }
    List<String> labels = new ArrayList<>(c.labels().subList(0, PLOT_CATEGORIES));
    labels.add("(other)");
    long[] r = new long[PLOT_CATEGORIES + 1];
    long[] k = new long[PLOT_CATEGORIES + 1];
    for (int i = 0; i < c.labels().size(); i++) {
      int slot = Math.min(i, PLOT_CATEGORIES);
      r[slot] += c.reference()[i];
      k[slot] += c.current()[i];
    }
    return DriftResult.Plot.of(new Counts(labels, r, k));
  }

  /** Current values the (complete) reference never saw. */
  long newValues() {
    return newValues;
  }

  ColumnInfo info() {
    return info;
  }

  List<String> categories() {
    return cats;
  }

  @Override
  String skipReason() {
    return skip;
  }
}
