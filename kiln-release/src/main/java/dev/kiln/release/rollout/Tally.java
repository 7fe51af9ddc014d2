package dev.kiln.release.rollout;

/**
 * Counts one interval's verdict into a rollout's tally, and says what it means for the rollout:
 * go on (passed), hold and measure again (a tolerated failure or error), pause (inconclusive), or
 * abort (past the failure limit, or too many measurement errors in a row).
 */
final class Tally {
  private Tally() {}

  /** What a verdict means for the rollout. */
  enum Next { ADVANCE, HOLD, PAUSE, ABORT }

  record Counted(RolloutState state, Next next, String text) {}

  static Counted count(RolloutState s, AnalysisSpec spec, AnalysisVerdict v, int planned) {
    int n = s.analyses() + 1;
    String of = planned > 0 && n <= planned ? n + "/" + planned : Integer.toString(n);
    if (v instanceof AnalysisVerdict.Passed) {
      return new Counted(s.counted(n, s.passed() + 1, s.failures(), 0), Next.ADVANCE,
          "analysis " + of + " passed: " + v.describe());
    }
    if (v instanceof AnalysisVerdict.Failed) {
      RolloutState t = s.counted(n, s.passed(), s.failures() + 1, 0);
      boolean over = t.failures() > spec.failureLimit();
      return new Counted(t, over ? Next.ABORT : Next.HOLD, "analysis " + of + " failed: " + v.describe()
          + (over ? "" : " (" + t.failures() + " of " + (spec.failureLimit() + 1) + " failures that abort; "
              + "measuring again)"));
    }
    if (v instanceof AnalysisVerdict.Inconclusive) {
      return new Counted(s, Next.PAUSE, "analysis inconclusive: " + v.describe());
    }
    RolloutState t = s.counted(s.analyses(), s.passed(), s.failures(), s.consecutiveErrors() + 1);
    boolean over = t.consecutiveErrors() > spec.consecutiveErrorLimit();
    return new Counted(t, over ? Next.ABORT : Next.HOLD, v.describe() + (over
        ? " (" + t.consecutiveErrors() + " times in a row)"
        : " (" + t.consecutiveErrors() + " in a row, " + (spec.consecutiveErrorLimit() + 1) + " abort; measuring again)"));
  }
}
