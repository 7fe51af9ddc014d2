package dev.kiln.serve.monitor;

import java.util.List;
import java.util.Map;

/**
 * A condition judged on one window: it holds, it is clear, or it cannot say (too few labels, no
 * requests, no reference profile); {@code words} says why in a user's terms, {@code figures} are
 * the numbers it looked at, for the alert's evidence.
 */
record Judgement(Outcome outcome, String words, Map<String, Object> figures) {
  enum Outcome { HOLDS, CLEAR, INCONCLUSIVE }

  static Judgement holds(String words, Map<String, Object> figures) {
    return new Judgement(Outcome.HOLDS, words, figures);
  }

  static Judgement clear(String words, Map<String, Object> figures) {
    return new Judgement(Outcome.CLEAR, words, figures);
  }

  static Judgement inconclusive(String words) {
    return new Judgement(Outcome.INCONCLUSIVE, words, Map.of());
  }

  /** A rule's judgement from its conditions': holds if any holds, else inconclusive if any is, else clear. */
  static Outcome combine(List<Judgement> js) {
    if (js.stream().anyMatch(j -> j.outcome == Outcome.HOLDS)) {
      return Outcome.HOLDS;
    }
    return js.stream().anyMatch(j -> j.outcome == Outcome.INCONCLUSIVE) ? Outcome.INCONCLUSIVE : Outcome.CLEAR;
  }
}
