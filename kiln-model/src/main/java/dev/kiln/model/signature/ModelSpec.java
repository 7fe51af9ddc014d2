package dev.kiln.model.signature;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code model.yaml} says about a model: its format and file (relative to the yaml), the
 * parts of its {@link Signature} it states (inputs, label, task), ONNX tensor names where they
 * matter, and the record of how it was trained (free-form, kept as written). What the yaml
 * leaves out is read from the model file itself where the format records it.
 */
public record ModelSpec(ModelFormat format, String file, Optional<List<Input>> inputs, Optional<String> label,
    Optional<Task> task, OnnxNames onnx, Map<String, Object> training) {

  public ModelSpec {
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("a model spec needs the model file's name");
    }
    inputs = inputs.map(List::copyOf);
    training = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(training));
  }

  /** A spec that states nothing but the file: everything else comes from the model. */
  public static ModelSpec bare(ModelFormat format, String file) {
    return new ModelSpec(format, file, Optional.empty(), Optional.empty(), Optional.empty(), OnnxNames.AUTO, Map.of());
  }

  /** A complete spec, as {@code kiln train} writes it. */
  public static ModelSpec of(ModelFormat format, String file, Signature s, Map<String, Object> training) {
    return new ModelSpec(format, file, Optional.of(s.inputs()), Optional.ofNullable(s.label()), Optional.of(s.task()),
        OnnxNames.AUTO, training);
  }
}
