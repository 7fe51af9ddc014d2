package dev.kiln.stats.profile;

import java.util.Optional;

/**
 * What a profile knows about one column: its type, how many values it has and how many are
 * missing, how many distinct values, and — depending on the type — numeric statistics,
 * categories with frequencies and text lengths.
 */
public record ColumnProfile(
    String name,
    DataType type,
    String sqlType,
    long count,
    long missing,
    long distinct,
    Optional<NumericSummary> numeric,
    Optional<CategorySummary> categories,
    Optional<LengthSummary> lengths) {

  public ColumnProfile {
    if (count < 0 || missing < 0 || missing > count) {
      throw new IllegalArgumentException("column '" + name + "': bad counts " + count + "/" + missing);
    }
  }

  public long nonMissing() {
    return count - missing;
  }

  public double missingShare() {
    return count == 0 ? 0 : (double) missing / count;
  }
}
