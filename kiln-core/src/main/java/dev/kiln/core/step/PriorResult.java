package dev.kiln.core.step;

import dev.kiln.core.history.StageOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded result a stage is restored from: the run that produced it, its metrics,
 * details and published value. {@link EffectfulStep#reapply} reads it to re-apply the effect.
 */
public record PriorResult(long runId, Map<String, Double> metrics, List<String> details, StageOutput output) {

  public PriorResult {
    metrics = Map.copyOf(metrics);
    details = List.copyOf(details);
  }

  public <T> Optional<T> output(OutputType<T> type) {
    return type.read(output);
  }
}
