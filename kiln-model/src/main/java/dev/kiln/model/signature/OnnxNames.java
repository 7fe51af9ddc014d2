package dev.kiln.model.signature;

import java.util.Optional;

/**
 * Which ONNX graph input takes the feature tensor and which outputs hold class probabilities
 * or the regression score. Empty means "find it": the only 2-D input, an output named like
 * {@code probabilities}, the first float output.
 */
public record OnnxNames(Optional<String> input, Optional<String> probabilities, Optional<String> score) {
  public static final OnnxNames AUTO = new OnnxNames(Optional.empty(), Optional.empty(), Optional.empty());
}
