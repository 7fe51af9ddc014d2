package dev.kiln.model.evaluate;

import dev.kiln.model.metrics.BinaryCurves;
import java.util.Map;
import java.util.Optional;

/**
 * A model's predictions next to the truth, able to score any subset of rows: the metrics, and
 * the metrics that are undefined on those rows with the reason (names without a prefix).
 */
interface Scored {

  /** The metrics of some rows, and those undefined on them. */
  record Scores(Map<String, Double> metrics, Map<String, String> undefined) {
    public Scores {
      metrics = Map.copyOf(metrics);
      undefined = Map.copyOf(undefined);
    }
  }

  Scores score(int[] rows);

  Optional<long[][]> confusion();

  Optional<BinaryCurves> curves();

  int[] truth();

  int[] predicted();

  String[] truthText();

  String[] predictedText();
}
