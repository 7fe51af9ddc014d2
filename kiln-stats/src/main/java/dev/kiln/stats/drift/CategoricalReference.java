package dev.kiln.stats.drift;

import dev.kiln.stats.profile.CategorySummary;
import dev.kiln.stats.profile.ColumnProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A text or boolean reference column as drift counts current values on it: the profile's
 * categories (all of them when the profile lists them all, else its most frequent) and one
 * "(other)" bin for the rest. kiln-data's scan and the gateway's live windows count the current
 * values of {@link #categories()} and the total, and {@link #counts} lays them beside the
 * reference's, so both test the same counts.
 */
public final class CategoricalReference {
  public static final String OTHER = "(other)";
  private final CategorySummary summary;
  private final List<String> categories;
  private final long referenceValues;

  public CategoricalReference(ColumnProfile reference) {
    this.summary = reference.categories().orElse(new CategorySummary(List.of(), false));
    this.categories = summary.top().stream().map(CategorySummary.Category::value).toList();
    this.referenceValues = reference.nonMissing();
  }

  /** The reference's categories, in the profile's order (most frequent first). */
  public List<String> categories() {
    return categories;
  }

  /** Whether the profile lists every value, so a value outside {@link #categories()} is new. */
  public boolean complete() {
    return summary.complete();
  }

  /**
   * Reference and current counts per category and "(other)": {@code current[i]} counts the
   * current values equal to category {@code i}, {@code total} all current non-missing values.
   */
  public Counts counts(long[] current, long total) {
    List<String> labels = new ArrayList<>(categories);
    labels.add(OTHER);
    long[] ref = new long[categories.size() + 1];
    long[] cur = new long[categories.size() + 1];
    long refKnown = 0;
    long curKnown = 0;
    for (int i = 0; i < categories.size(); i++) {
      ref[i] = summary.top().get(i).count();
      cur[i] = current[i];
      refKnown += ref[i];
      curKnown += cur[i];
    }
    ref[categories.size()] = referenceValues - refKnown;
    cur[categories.size()] = total - curKnown;
    return new Counts(labels, ref, cur);
  }

  /** A count-based test of these counts (every test but KS and Wasserstein). */
  public static DriftStatistic test(DriftTest test, Counts counts) {
    double[] s = counts.test(test);
    return new DriftStatistic(test, s[0], s[1], true, 0);
  }
}
