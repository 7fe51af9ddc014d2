package dev.kiln.model.features;

import java.util.Map;
import java.util.TreeMap;

/**
 * What encoding met that the model never saw: per column, how many values were missing and how
 * many were categories unseen in training (with a few examples). Reported with every evaluation.
 */
public final class EncodingNotes {
  private final Map<String, Integer> missing = new TreeMap<>();
  private final Map<String, Integer> unseen = new TreeMap<>();
  private final Map<String, java.util.Set<String>> unseenExamples = new TreeMap<>();

  void missing(String column) {
    missing.merge(column, 1, Integer::sum);
  }

  void unseen(String column, String value) {
    unseen.merge(column, 1, Integer::sum);
    var examples = unseenExamples.computeIfAbsent(column, k -> new java.util.TreeSet<>());
    if (examples.size() < 5) {
      examples.add(value);
    }
  }

  /** Missing values per column. */
  public Map<String, Integer> missing() {
    return Map.copyOf(missing);
  }

  /** Values of categories unseen in training, per column. */
  public Map<String, Integer> unseen() {
    return Map.copyOf(unseen);
  }

  /** Up to five example unseen values per column, sorted. */
  public Map<String, java.util.Set<String>> unseenExamples() {
    return Map.copyOf(unseenExamples);
  }
}
