package dev.kiln.model.fairness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Joins reasons into one line: blanks and repeats dropped, the rest in order, separated by "; ". */
final class Reasons {
  private Reasons() {}

  static String join(String... reasons) {
    return join(Arrays.asList(reasons));
  }

  static String join(List<String> reasons) {
    return reasons.stream().filter(r -> !r.isBlank()).distinct().collect(Collectors.joining("; "));
  }
}
