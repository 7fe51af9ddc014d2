package dev.kiln.data.profile;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.dist.Bins;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import dev.kiln.stats.dist.QuantileBins;
import dev.kiln.stats.dist.Quantiles;
import dev.kiln.stats.profile.CategorySummary;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.DataType;
import dev.kiln.stats.profile.LengthSummary;
import dev.kiln.stats.profile.NumericSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The aggregates one column contributes to the profiler's scans, and the profile built from them. */
final class ColumnPass {
  /** Quantiles every numeric profile lists. */
  static final double[] REPORTED = {0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99};

  private final ColumnInfo column;
  private final String value;
  private final boolean numeric;
  private final int nonNull;
  private final int distinct;
  private int min;
  private int max;
  private int mean;
  private int std;
  private int quantiles;
  private int fineQuantiles;
  private ExactQuantiles exactQuantiles;
  private int minLen;
  private int maxLen;
  private int meanLen;
  // first-pass results
  private long count;
  private long nonMissing;
  private long distinctCount;
  private double[] fineEdges;
  private List<Double> q;
  private Row first;
  // second-pass slots
  private int exact = -1;
  private int fine = -1;
  private int plot = -1;
  private int cats = -1;
  private List<Double> plotEdges = List.of();

  private ColumnPass(ColumnInfo column, Aggregates a) {
    this.column = column;
    this.value = Sql.value(column);
    this.numeric = Sql.numericValue(column);
    this.nonNull = a.add("count(" + value + ")");
    this.distinct = a.add("count(DISTINCT " + value + ")");
    if (numeric) {
      min = a.add("min(" + value + ")");
      max = a.add("max(" + value + ")");
      mean = a.add("avg(" + value + ")");
      std = a.add("stddev_samp(" + value + ")");
      quantiles = a.add("quantile_cont(" + value + ", " + Sql.numbers(exactLevels()) + ")");
      fineQuantiles = a.add("approx_quantile(" + value + ", CAST(" + Sql.numbers(levels()) + " AS FLOAT[]))");
    } else if (column.type() == DataType.STRING) {
      minLen = a.add("min(length(" + value + "))");
      maxLen = a.add("max(length(" + value + "))");
      meanLen = a.add("avg(length(" + value + "))");
    }
  }

  static ColumnPass of(ColumnInfo column, Aggregates a) {
    return new ColumnPass(column, a);
  }

  /** The levels computed exactly: 0, the reported quantiles (which include the deciles), 1. */
  static List<Double> exactLevels() {
    List<Double> l = new ArrayList<>();
    l.add(0.0);
    for (double p : REPORTED) {
      l.add(p);
    }
    l.add(1.0);
    return l;
  }

  private double exact(double level) {
    return q.get(exactLevels().indexOf(level));
  }

  /**
   * The fine levels i/FINE_BINS for the drift grid. They come from DuckDB's t-digest
   * ({@code approx_quantile}): exact quantiles at 1001 levels cost seconds per million values, and
   * the grid only needs edges; the counts in its bins are exact.
   */
  static List<Double> levels() {
    List<Double> l = new ArrayList<>();
    for (int i = 0; i <= Profiler.FINE_BINS; i++) {
      l.add((double) i / Profiler.FINE_BINS);
    }
    return l;
  }

  void planSecond(Row r, long rows, Aggregates a) {
    first = r;
    count = rows;
    nonMissing = r.count(nonNull);
    distinctCount = r.count(distinct);
    if (nonMissing == 0) {
      return;
    }
    if (numeric) {
      q = r.doubles(quantiles);
      if (distinctCount <= Profiler.MAX_POINTS) {
        exact = a.add("histogram(" + value + ")");
      } else {
        fineEdges = fineEdges(r.doubles(fineQuantiles), r.number(min), r.number(max));
        fine = a.add("histogram(" + value + ", " + Sql.numbers(Bins.boundaries(fineEdges)) + ")");
        exactQuantiles = new ExactQuantiles(value, nonMissing, exactLevels(), deciles(), a);
        plotEdges = Bins.equalWidth(r.number(min), r.number(max), Profiler.PLOT_BINS);
        plot = a.add("histogram(" + value + ", " + Sql.numbers(plotEdges.subList(1, plotEdges.size())) + ")");
      }
    } else if (distinctCount <= Profiler.MAX_CATEGORIES) {
      cats = a.add("histogram(" + value + ")");
    }
  }

  /** Sorted, distinct edges from min to max, the approximate quantiles in between. */
  static double[] fineEdges(List<Double> approx, double lo, double hi) {
    List<Double> e = new ArrayList<>();
    e.add(lo);
    approx.stream().filter(v -> v > lo && v < hi).sorted().forEach(e::add);
    e.add(hi);
    return Bins.distinct(e);
  }

  ColumnProfile finish(Row r, DataSource data) {
    Optional<NumericSummary> num = Optional.empty();
    Optional<CategorySummary> categories = Optional.empty();
    Optional<LengthSummary> lengths = Optional.empty();
    if (nonMissing > 0 && numeric) {
      num = Optional.of(numericSummary(r, data));
    }
    if (nonMissing > 0 && !numeric) {
      categories = Optional.of(cats >= 0 ? categories(r.counts(cats), true) : topCategories(data));
    }
    if (nonMissing > 0 && column.type() == DataType.STRING) {
      lengths = Optional.of(new LengthSummary(first.count(minLen), first.count(maxLen), first.number(meanLen)));
    }
    return new ColumnProfile(column.name(), column.type(), column.sqlType(), count, count - nonMissing,
        distinctCount, num, categories, lengths);
  }

  private NumericSummary numericSummary(Row r, DataSource data) {
    double lo = first.number(min);
    double hi = first.number(max);
    Distribution.Points pts = exact >= 0 ? Bins.points(r.counts(exact)) : null;
    q = pts != null ? exactLevels().stream().map(p -> Quantiles.linear(pts, p)).toList() : exactQuantiles.quantiles(r);
    Map<Double, Double> reported = new LinkedHashMap<>();
    for (double p : REPORTED) {
      reported.put(p, exact(p));
    }
    double sd = first.isNull(std) ? 0 : first.number(std);
    Distribution dist;
    Histogram plotHist;
    Histogram psi;
    if (pts != null) {
      dist = pts;
      plotHist = Bins.histogram(pts, Bins.equalWidth(lo, hi, Profiler.PLOT_BINS));
      psi = QuantileBins.of(pts, Profiler.PSI_BINS);
    } else {
      Histogram fineHist = Bins.fromBoundaryCounts(fineEdges, r.counts(fine));
      dist = new Distribution.Binned(fineHist);
      plotHist = Bins.fromBoundaryCounts(plotEdges.stream().mapToDouble(Double::doubleValue).toArray(), r.counts(plot));
      psi = exactQuantiles.bins(r, deciles().stream().mapToDouble(Double::doubleValue).toArray(), data);
    }
    return new NumericSummary(lo, hi, first.number(mean), sd, reported, psi, plotHist, dist);
  }

  private List<Double> deciles() {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i <= Profiler.PSI_BINS; i++) {
      d.add(exact((double) i / Profiler.PSI_BINS));
    }
    return d;
  }

  static CategorySummary categories(Map<Object, Long> counts, boolean complete) {
    List<CategorySummary.Category> list = new ArrayList<>();
    counts.forEach((k, v) -> list.add(new CategorySummary.Category(String.valueOf(k), v)));
    list.sort(Comparator.comparingLong(CategorySummary.Category::count).reversed()
        .thenComparing(CategorySummary.Category::value));
    return new CategorySummary(list, complete);
  }

  private CategorySummary topCategories(DataSource data) {
    String sql = "SELECT " + value + " AS v, count(*) AS n FROM " + DataSource.VIEW + " WHERE " + value
        + " IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT " + Profiler.TOP_CATEGORIES;
    Map<Object, Long> counts = new LinkedHashMap<>();
    long t = dev.kiln.data.read.Trace.start();
    try (Statement s = data.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
      dev.kiln.data.read.Trace.end(t, "top categories", sql);
    } catch (SQLException e) {
      throw data.readFailure(e);
    }
    return categories(counts, false);
  }
}
