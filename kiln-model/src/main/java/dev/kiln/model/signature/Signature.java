package dev.kiln.model.signature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model's contract with data: the input columns it reads (and how each becomes features),
 * the label column it was trained on, and what it predicts. Checked against a data set before
 * any prediction, so a mismatch is an error that names the columns, never a silent wrong answer.
 */
public record Signature(List<Input> inputs, String label, Task task) {

  public Signature {
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one input column");
    }
    Set<String> seen = new HashSet<>();
    for (Input i : inputs) {
      if (!seen.add(i.name())) {
        throw new IllegalArgumentException("input column '" + i.name() + "' is listed twice");
      }
    }
  }

  public List<String> inputNames() {
    return inputs.stream().map(Input::name).toList();
  }

  /** Number of model features after encoding. */
  public int width() {
    return inputs.stream().mapToInt(Input::width).sum();
  }

  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    inputs.forEach(i -> names.addAll(i.featureNames()));
    return names;
  }

  public Signature withTask(Task t) {
    return new Signature(inputs, label, t);
  }
}
