package dev.kiln.serve.v2;

import dev.kiln.model.features.Columns;
import java.util.List;
import java.util.Optional;

/** A parsed infer request: its id (echoed back), the rows, and the outputs asked for (empty: all). */
public record Inference(Optional<String> id, Columns rows, List<String> outputs) {
  public Inference {
    outputs = List.copyOf(outputs);
  }
}
