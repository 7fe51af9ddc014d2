package dev.kiln.core.plan;

import dev.kiln.core.history.ExecutionRecord;
import java.util.Optional;

/**
 * Where a decision finds the results of upstream stages: in a run, this run's records; in
 * {@code kiln status}, what the run would find (last results, or the records a restore would
 * bring back).
 */
public interface UpstreamResults {

  Optional<ExecutionRecord> result(String stage);
}
