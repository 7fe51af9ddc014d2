package dev.kiln.core.plan;

import dev.kiln.core.history.ExecutionRecord;
import java.util.List;

/** What to do with a stage whose upstream stages are done, and why. */
public sealed interface Decision {

  /** Inputs and outputs match the last result: nothing to do. */
  record UpToDate(ExecutionRecord source) implements Decision {}

  /** An earlier execution had exactly these inputs: bring its outputs back instead of running. */
  record Restore(ExecutionRecord source, List<String> reasons) implements Decision {
    public Restore {
      reasons = List.copyOf(reasons);
    }
  }

  /** The stage must run, for these reasons. */
  record Run(List<String> reasons) implements Decision {
    public Run {
      reasons = List.copyOf(reasons);
    }
  }

  /** The stage does not run at all (its condition is false). */
  record Skip(String reason) implements Decision {}
}
