package dev.kiln.core.trigger;

import java.util.List;

/**
 * What one trigger check found: whether it starts a run, why in words ({@code push a1b2c3d: modified
 * data/train.csv}), and the trigger state to record with it, so it is not found again.
 */
public record Finding(String trigger, String cause, boolean fires, List<TriggerState.Mark> marks) {
  public Finding {
    marks = List.copyOf(marks);
  }
}
