package dev.kiln.core.plan;

import dev.kiln.core.history.ExecutionRecord;
import java.util.List;
import java.util.Optional;

/**
 * What {@code kiln status} and {@code --dry-run} say about one stage: its state, the reasons,
 * the run a restore would come from, and the result the run would reuse ({@code source}: the
 * last result of an up-to-date stage, or the record a restore brings back).
 */
public record StageStatus(String stage, State state, List<String> reasons, Optional<Long> cachedRun,
    Optional<ExecutionRecord> source) {

  /** Whether the stage would do nothing, restore, run, wait for an upstream stage, or be skipped. */
  public enum State {
    UP_TO_DATE("up to date"),
    RESTORABLE("changed, restorable from cache"),
    CHANGED("changed"),
    AFTER_UPSTREAM("decided after upstream"),
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

  public StageStatus(String stage, State state, List<String> reasons, Optional<Long> cachedRun) {
    this(stage, state, reasons, cachedRun, Optional.empty());
  }
}
