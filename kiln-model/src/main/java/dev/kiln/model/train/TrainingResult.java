package dev.kiln.model.train;

import java.nio.file.Path;
import java.util.Map;

/** What training produced: the model directory and the flat training metrics ({@code train.auc}, {@code validation.auc}, …). */
public record TrainingResult(Path modelDir, Map<String, Double> metrics) {
  public TrainingResult {
    metrics = Map.copyOf(metrics);
  }
}
