package dev.kiln.data.suggest;

import dev.kiln.data.check.Bounds;
import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.stats.profile.CategorySummary;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.DataType;
import dev.kiln.stats.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A starting check suite inferred from a data set's profile, following Deequ's default rules and
 * TFDV's inferred schema:
 * <ul>
 *   <li>type of every column (TFDV), and the column set ({@code at-least});</li>
 *   <li>complete columns get {@code not-null} (CompleteIfComplete); columns 20–100% complete get a
 *       missing-share bound from the 95% Wald interval (RetainCompleteness);</li>
 *   <li>columns with few distinct values (unique ratio ≤ 0.1, at most 50 values) get {@code in-set}
 *       (CategoricalRange); ratio ≤ 0.4 gets the values covering 90% with {@code mostly}
 *       (FractionalCategoricalRange);</li>
 *   <li>complete integer or text columns whose distinct count is within 8% of the row count get
 *       {@code unique} (UniqueIfApproximatelyUnique): {@code unique: true} when no value repeats,
 *       otherwise with the {@code mostly} the repeats allow at worst;</li>
 *   <li>numeric columns get their observed range, text columns their observed lengths.</li>
 * </ul>
 * Every check describes the data as it is, so the data a suite was suggested from always passes it.
 */
public final class Suggester {
  static final double CATEGORICAL_RATIO = 0.1;
  static final double FRACTIONAL_RATIO = 0.4;
  static final int MAX_SET = 50;
  static final double COVERAGE = 0.9;

  private Suggester() {}

  /** The suggested suite as YAML, with comments saying where each check comes from. */
  public static String suggest(DataSource data) {
    return render(Profiler.profile(data));
  }

  public static String render(Profile p) {
    StringBuilder y = new StringBuilder();
    y.append("# Check suite suggested by 'kiln suggest' from ").append(p.source()).append(" (").append(p.rows())
        .append(" rows).\n# It describes this data; edit it to say what the data must be. Format: docs/data-checks.md\n");
    y.append("suite: ").append(quote(suiteName(p.source()))).append("\n\ntable:\n  rows: { min: 1 }\n  columns: { at-least: [")
        .append(String.join(", ", p.columnNames().stream().map(Suggester::quote).toList())).append("] }\n\ncolumns:\n");
    for (ColumnProfile c : p.columns()) {
      column(c, p.rows(), y);
    }
    y.append("\n# To test drift against this data later, profile it and compare with the profile:\n")
        .append("#   kiln profile ").append(p.source()).append(" --out profile.json\n")
        .append("# drift:\n#   profile: profile.json\n");
    return y.toString();
  }

  private static void column(ColumnProfile c, long rows, StringBuilder y) {
    y.append("  ").append(quote(c.name())).append(":\n");
    y.append("    type: ").append(c.type().label()).append('\n');
    completeness(c, y);
    if (c.nonMissing() == 0) {
      return;
    }
    double ratio = (double) c.distinct() / c.nonMissing();
    boolean categorical = c.categories().isPresent() || c.distinct() <= MAX_SET;
    if (keyLike(c, rows)) {
      unique(c, y);
    } else if (ratio <= CATEGORICAL_RATIO && c.distinct() <= MAX_SET && categorical && c.type() != DataType.FLOAT) {
      values(c).ifPresent(v -> y.append("    in-set: [").append(String.join(", ", v)).append("]\n"));
    } else if (ratio <= FRACTIONAL_RATIO && c.categories().isPresent() && c.categories().get().complete()) {
      fractional(c, y);
    }
    c.numeric().ifPresent(n -> y.append("    range: [").append(c.type().temporal() ? Bounds.date(n.min()) : num(n.min()))
        .append(", ").append(c.type().temporal() ? Bounds.date(n.max()) : num(n.max())).append("]          # observed\n"));
    c.lengths().filter(l -> !(ratio <= CATEGORICAL_RATIO && c.distinct() <= MAX_SET)).ifPresent(l ->
        y.append("    length: [").append(l.min()).append(", ").append(l.max()).append("]          # observed\n"));
  }

  private static void completeness(ColumnProfile c, StringBuilder y) {
    if (c.missing() == 0) {
      y.append("    not-null: true\n");
      return;
    }
    double completeness = (double) c.nonMissing() / c.count();
    if (completeness <= 0.2) {
      return;
    }
    double lower = completeness - 1.96 * Math.sqrt(completeness * (1 - completeness) / c.count());
    double maxMissing = Math.min(1, Math.ceil((1 - lower) * 1e4) / 1e4);
    y.append("    missing: ").append(num(maxMissing)).append("              # observed ")
        .append(num(Math.round(c.missingShare() * 1e4) / 1e4)).append(", 95% bound\n");
  }

  private static boolean keyLike(ColumnProfile c, long rows) {
    boolean keyType = c.type() == DataType.INTEGER || c.type() == DataType.STRING;
    return keyType && c.missing() == 0 && rows > 1 && Math.abs(1 - (double) c.distinct() / rows) <= 0.08;
  }

  /**
   * {@code unique: true} only when no value repeats. With r repeats (rows − distinct), at most 2r
   * rows hold a repeated value (every occurrence of one is unexpected), so {@code mostly} is
   * 1 − 2r/rows rounded down: the data passes whichever values repeat.
   */
  private static void unique(ColumnProfile c, StringBuilder y) {
    long repeats = c.count() - c.distinct();
    if (repeats == 0) {
      y.append("    unique: true              # no value repeats\n");
      return;
    }
    double mostly = Math.floor((1 - 2.0 * repeats / c.count()) * 1e4) / 1e4;
    y.append("    unique: { mostly: ").append(num(mostly)).append(" }   # ").append(repeats)
        .append(repeats == 1 ? " repeat" : " repeats").append(" in ").append(c.count()).append(" rows\n");
  }

  private static java.util.Optional<List<String>> values(ColumnProfile c) {
    if (c.categories().isPresent()) {
      List<String> v = c.categories().get().top().stream().map(CategorySummary.Category::value).sorted().map(Suggester::quote)
          .toList();
      return java.util.Optional.of(v);
    }
    if (c.numeric().isPresent() && c.numeric().get().distribution() instanceof dev.kiln.stats.dist.Distribution.Points pts) {
      return java.util.Optional.of(pts.values().stream().map(Suggester::num).toList());
    }
    return java.util.Optional.empty();
  }

  private static void fractional(ColumnProfile c, StringBuilder y) {
    List<CategorySummary.Category> top = new ArrayList<>(c.categories().get().top());
    top.sort(Comparator.comparingLong(CategorySummary.Category::count).reversed());
    List<String> kept = new ArrayList<>();
    long covered = 0;
    for (CategorySummary.Category cat : top) {
      if (covered >= COVERAGE * c.nonMissing() || kept.size() >= MAX_SET) {
        break;
      }
      kept.add(quote(cat.value()));
      covered += cat.count();
    }
    double mostly = Math.floor((double) covered / c.nonMissing() * 100) / 100;
    y.append("    in-set: { values: [").append(String.join(", ", kept)).append("], mostly: ").append(num(mostly))
        .append(" }   # the values covering 90%\n");
  }

  private static String suiteName(String source) {
    String name = java.nio.file.Path.of(source.replace("*", "all")).getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A YAML scalar: plain when safe, double-quoted otherwise. */
  static String quote(String s) {
    if (s.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") && !isYamlWord(s)) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean isYamlWord(String s) {
    return List.of("yes", "no", "true", "false", "on", "off", "null", "y", "n", "~")
        .contains(s.toLowerCase(Locale.ROOT));
  }
}
