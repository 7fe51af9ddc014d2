package dev.kiln.data.profile;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a {@link Profile} of a data set in two fused scans (plus one grouped query per
 * high-cardinality text column): the first gathers counts, moments and quantiles of every
 * column, the second the histograms whose bins depend on those quantiles.
 *
 * <pre>{@code
 * try (DataSource ds = DataSource.open("data/train.csv", ReadOptions.DEFAULT)) {
 *   Profiler.profile(ds).write(Path.of("model/reference-profile.json"));
 * }
 * }</pre>
 */
public final class Profiler {
  /** Numeric columns with at most this many distinct values keep every value (exact drift tests). */
  public static final int MAX_POINTS = 1000;
  /** Text columns with at most this many distinct values keep every category. */
  public static final int MAX_CATEGORIES = 1000;
  /** Categories kept for columns with more distinct values. */
  public static final int TOP_CATEGORIES = 20;
  /** Fine reference-quantile bins kept for numeric columns with many distinct values. */
  public static final int FINE_BINS = 1000;
  /** Bins of the equal-width histogram reports plot. */
  public static final int PLOT_BINS = 20;
  /** Bins of the quantile histogram PSI uses (deciles). */
  public static final int PSI_BINS = 10;

  private Profiler() {}

  /** Profiles every column of the data set. */
  public static Profile profile(DataSource data) {
    return profile(data, data.columns().stream().map(ColumnInfo::name).toList());
  }

  /** Profiles the named columns. */
  public static Profile profile(DataSource data, List<String> names) {
    return data.acceptingMixedLineEndings(() -> profileOnce(data, names));
  }

  private static Profile profileOnce(DataSource data, List<String> names) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(data.column(n).orElseThrow(() -> new IllegalArgumentException(
          data.location() + ": no column '" + n + "'")));
    }
    Aggregates first = new Aggregates();
    int rows = first.add("count(*)");
    List<ColumnPass> passes = cols.stream().map(c -> ColumnPass.of(c, first)).toList();
    Row r1 = first.run(data.connection(), DataSource.VIEW, data.location());
    long n = r1.count(rows);
    Aggregates second = new Aggregates();
    passes.forEach(p -> p.planSecond(r1, n, second));
    Row r2 = second.run(data.connection(), DataSource.VIEW, data.location());
    List<ColumnProfile> profiles = new ArrayList<>();
    for (ColumnPass p : passes) {
      profiles.add(p.finish(r2, data));
    }
    return new Profile(data.location(), n, profiles);
  }
}
