package dev.kiln.data.profile;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.dist.Histogram;
import dev.kiln.stats.dist.QuantileBins;
import dev.kiln.stats.dist.Quantiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact linear quantiles and decile-bin counts of a numeric column with too many distinct values
 * to keep, from the profiler's second scan. DuckDB's {@code quantile_cont} interpolates as
 * {@code (1 − t)·a + t·b}, which misses tied values by an ulp, so the second scan reads the order
 * statistics themselves ({@code quantile_disc} at level (k + ½)/n is the k-th smallest value) and
 * {@link Quantiles} interpolates as NumPy does. The decile bins' counts are counted at the
 * doubles around the first scan's {@code quantile_cont} values (a few ulps either way), which hold
 * the exact deciles; should an exact decile fall outside them, one more scan counts at the exact
 * values.
 */
final class ExactQuantiles {
  private static final int ULPS = 3;
  private final String value;
  private final long n;
  private final List<Double> levels;
  private final List<Long> ranks;
  private final List<Double> around;
  private final int statistics;
  private final int counts;

  ExactQuantiles(String value, long n, List<Double> levels, List<Double> approxDeciles, Aggregates a) {
    this.value = value;
    this.n = n;
    this.levels = List.copyOf(levels);
    TreeSet<Long> r = new TreeSet<>();
    for (double p : levels) {
      for (long k : Quantiles.ranks(n, p)) {
        r.add(k);
      }
    }
    this.ranks = new ArrayList<>(r);
    List<Double> discLevels = ranks.stream().map(k -> (k + 0.5) / n).toList();
    this.statistics = a.add("quantile_disc(" + value + ", " + Sql.numbers(discLevels) + ")");
    TreeSet<Double> b = new TreeSet<>();
    for (double v : approxDeciles) {
      double d = v;
      for (int i = 0; i <= ULPS; i++) {
        b.add(d);
        d = Math.nextDown(d);
      }
      d = v;
      for (int i = 0; i < ULPS; i++) {
        d = Math.nextUp(d);
        b.add(d);
      }
    }
    b.add(Double.POSITIVE_INFINITY);
    this.around = new ArrayList<>(b);
    this.counts = a.add("histogram(" + value + ", " + Sql.numbers(around) + ")");
  }

  /** The exact quantile at each level, in the order given. */
  List<Double> quantiles(Row r) {
    List<Double> stats = r.doubles(statistics);
    Map<Long, Double> byRank = new HashMap<>();
    for (int i = 0; i < ranks.size(); i++) {
      byRank.put(ranks.get(i), stats.get(i));
    }
    List<Double> out = new ArrayList<>();
    for (double p : levels) {
      out.add(Quantiles.linear(n, p, byRank::get));
    }
    return out;
  }

  /** The decile bins with the reference's exact counts. */
  Histogram bins(Row r, double[] deciles, DataSource data) {
    TreeMap<Double, Long> atMost = cumulative(around, r.counts(counts));
    List<Double> asked = QuantileBins.asked(deciles);
    if (!atMost.keySet().containsAll(asked)) {
      List<Double> exact = new ArrayList<>(asked);
      exact.add(Double.POSITIVE_INFINITY);
      Aggregates again = new Aggregates();
      int slot = again.add("histogram(" + value + ", " + Sql.numbers(exact) + ")");
      atMost = cumulative(exact, again.run(data.connection(), DataSource.VIEW, data.location()).counts(slot));
    }
    TreeMap<Double, Long> known = atMost;
    return QuantileBins.of(deciles, n, c -> known.get(c));
  }

  /** Values ≤ each boundary, from DuckDB's bucket counts keyed by upper boundary. */
  private static TreeMap<Double, Long> cumulative(List<Double> boundaries, Map<Object, Long> buckets) {
    Map<Double, Long> byUpper = new HashMap<>();
    buckets.forEach((k, v) -> byUpper.merge(((Number) k).doubleValue(), v, Long::sum));
    TreeMap<Double, Long> out = new TreeMap<>();
    long sum = 0;
    for (double b : boundaries) {
      sum += byUpper.getOrDefault(b, 0L);
      out.put(b, sum);
    }
    return out;
  }
}
