package dev.kiln.core.trigger;

import java.util.List;

/**
 * What one trigger check found: whether it starts a run, is ignored (a push that changed no watched
 * path), or only begins the watch (a branch, schedule or path seen for the first time); why in words
 * ({@code push a1b2c3d: modified data/train.csv}); and the trigger state to record with it, so it is
 * not found again.
 */
public record Finding(String trigger, String cause, Outcome outcome, List<TriggerState.Mark> marks) {
  /** What the watcher does with a finding. */
  public enum Outcome { FIRE, IGNORE, WATCH }

  public Finding {
    marks = List.copyOf(marks);
  }

  public boolean fires() {
    return outcome == Outcome.FIRE;
  }
}
