package dev.kiln.core.stats;

import dev.kiln.core.history.ExecutionRecord;
import java.util.Optional;

/**
 * Finds a gate's verdict in a stage execution: blessed or not, empty when the execution is no
 * gate's. Gates live in kiln-release, so the caller passes this in (the gate step reads its typed
 * output), and statistics never guess from stage names or metric strings.
 */
@FunctionalInterface
public interface VerdictReader {
  VerdictReader NONE = e -> Optional.empty();

  Optional<Boolean> blessed(ExecutionRecord e);
}
