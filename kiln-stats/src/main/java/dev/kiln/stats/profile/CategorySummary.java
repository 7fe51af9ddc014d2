package dev.kiln.stats.profile;

import java.util.List;
import java.util.Optional;

/**
 * The most frequent values of a column with their counts, most frequent first (ties by value).
 * {@code complete} is true when every distinct value is listed, so a value not listed did not
 * occur.
 */
public record CategorySummary(List<Category> top, boolean complete) {

  /** One value and how often it occurs. */
  public record Category(String value, long count) {}

  public CategorySummary {
    top = List.copyOf(top);
  }

  public Optional<Long> count(String value) {
    return top.stream().filter(c -> c.value().equals(value)).map(Category::count).findFirst();
  }
}
