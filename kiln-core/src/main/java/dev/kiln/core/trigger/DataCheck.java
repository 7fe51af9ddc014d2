package dev.kiln.core.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the content hashes of watched data paths with the ones last seen: any difference starts one
 * run and is remembered, so a change fires once however long it stays. Paths seen for the first time
 * are only remembered.
 */
public final class DataCheck {
  /** The digest text of a path that does not exist. */
  public static final String MISSING = "missing";

  private DataCheck() {}

  /** {@code now}: the current digest text of each watched path ({@link #MISSING} if absent). */
  public static Optional<Finding> check(Map<String, String> now, Map<String, String> seen) {
    List<TriggerState.Mark> marks = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(now).entrySet()) {
      String before = seen.get(e.getKey());
      if (e.getValue().equals(before)) {
        continue;
      }
      marks.add(new TriggerState.Mark(TriggerState.Kind.DATA, e.getKey(), e.getValue()));
      if (before == null) {
        fresh.add(e.getKey());
      } else {
        changes.add(kind(before, e.getValue()) + " " + e.getKey());
      }
    }
    if (marks.isEmpty()) {
      return Optional.empty();
    }
    if (changes.isEmpty()) {
      return Optional.of(new Finding("data", "data: watching " + String.join(", ", fresh), Finding.Outcome.WATCH, marks));
    }
    String what = changes.size() == 1 ? changes.get(0) : changes.get(0) + " and " + (changes.size() - 1) + " more";
    return Optional.of(new Finding("data", "data: " + what, Finding.Outcome.FIRE, marks));
  }

  private static String kind(String before, String after) {
    if (before.equals(MISSING)) {
      return "added";
    }
    return after.equals(MISSING) ? "deleted" : "modified";
  }
}
