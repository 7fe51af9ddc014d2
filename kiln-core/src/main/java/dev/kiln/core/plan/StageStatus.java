package dev.kiln.core.plan;

import java.util.List;
import java.util.Optional;

/** What {@code kiln status} and {@code --dry-run} say about one stage. */
public record StageStatus(String stage, State state, List<String> reasons, Optional<Long> cachedRun) {

  /** Whether the stage would do nothing, restore, run, or be skipped. */
  public enum State {
    UP_TO_DATE("up to date"),
    RESTORABLE("changed, restorable from cache"),
    CHANGED("changed"),
    SKIPPED("skipped");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public StageStatus {
    reasons = List.copyOf(reasons);
  }
}
