package dev.kiln.serve.feedback;

import java.time.Duration;
import java.util.Optional;

/**
 * How the gateway keeps predictions for late labels: the journal's bound by count and by age,
 * the length of the live-accuracy windows (by label-arrival time), the most labelled rows kept per
 * version for its metrics, and, when clients match labels by a column of their own rather than by
 * request id, that column's name.
 */
public record FeedbackOptions(int journalSize, Duration maxAge, Duration window, int maxLabels,
    Optional<String> keyColumn) {
  public static final FeedbackOptions DEFAULT = new FeedbackOptions(100_000, Duration.ofDays(1), Duration.ofHours(1),
      100_000, Optional.empty());

  public FeedbackOptions {
    if (journalSize < 1 || maxLabels < 1) {
      throw new IllegalArgumentException("the feedback journal and label store need room for at least one row, found "
          + journalSize + " and " + maxLabels);
    }
    if (maxAge.isNegative() || maxAge.isZero() || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the feedback journal's age and the accuracy window must be longer than 0");
    }
    keyColumn = keyColumn.filter(k -> !k.isBlank());
  }

  public FeedbackOptions withKeyColumn(String column) {
    return new FeedbackOptions(journalSize, maxAge, window, maxLabels, Optional.ofNullable(column));
  }

  public FeedbackOptions withJournal(int size, Duration age) {
    return new FeedbackOptions(size, age, window, maxLabels, keyColumn);
  }

  public FeedbackOptions withWindow(Duration w) {
    return new FeedbackOptions(journalSize, maxAge, w, maxLabels, keyColumn);
  }
}
