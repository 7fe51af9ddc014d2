package dev.kiln.model.predict;

import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.nio.file.Path;
import java.util.List;

/** Combines what model.yaml states with what a model file records, and checks they agree. */
final class SignatureMerge {
  private SignatureMerge() {}

  /**
   * @param features feature names recorded in the model (empty when it records none)
   * @param width number of features the model takes (-1 when unknown)
   * @param modelTask the task the model's outputs imply
   * @param outputs number of probability columns the model emits (0 for a score)
   */
  static Signature merge(Path file, ModelSpec spec, List<String> features, int width, Task modelTask, int outputs) {
    return merge(file, spec, features, width, modelTask, outputs, () -> rawInputs(file, features));
  }

  /**
   * As {@link #merge(Path, ModelSpec, List, int, Task, int)}, for models whose own record of their
   * inputs says more than names (ONNX per-column inputs: numbers or text).
   */
  static Signature merge(Path file, ModelSpec spec, List<Input> recorded, Task modelTask, int outputs) {
    List<String> names = recorded.stream().map(Input::name).toList();
    Signature s = merge(file, spec, names, recorded.size(), modelTask, outputs, () -> recorded);
    for (Input stated : s.inputs()) {
      Input model = recorded.get(names.indexOf(stated.name()));
      if (stated.getClass() != model.getClass() || stated instanceof Input.Categorical) {
        throw new ModelLoadException(file + ": model.yaml makes input '" + stated.name() + "' a "
            + kind(stated) + " but the model takes it as " + kind(model) + " (one ONNX input per column)");
      }
    }
    return s;
  }

  private static String kind(Input in) {
    return in instanceof Input.Text ? "text" : in instanceof Input.Categorical ? "category" : "number";
  }

  private static Signature merge(Path file, ModelSpec spec, List<String> features, int width, Task modelTask,
      int outputs, java.util.function.Supplier<List<Input>> fromModel) {
    List<Input> inputs = spec.inputs().orElseGet(fromModel);
    Signature s = new Signature(inputs, spec.label().orElse(null), spec.task().orElse(modelTask));
    if (width >= 0 && s.width() != width) {
      throw new ModelLoadException(file + ": the model takes " + width + " features but its signature gives "
          + s.width() + " (" + String.join(", ", s.featureNames()) + ")");
    }
    if (spec.inputs().isPresent() && !features.isEmpty() && !features.equals(s.featureNames())) {
      throw new ModelLoadException(file + ": model.yaml's inputs give features " + s.featureNames()
          + " but the model was trained on " + features);
    }
    checkTask(file, s.task(), modelTask, outputs);
    return s;
  }

  private static List<Input> rawInputs(Path file, List<String> features) {
    if (features.isEmpty()) {
      throw new ModelLoadException(file + ": the model does not record its input columns; list them in a model.yaml "
          + "beside it (inputs: [{name: age, type: number}, ...]; see docs/models.md)");
    }
    return features.stream().map(n -> (Input) Input.Numeric.raw(n)).toList();
  }

  private static void checkTask(Path file, Task stated, Task model, int outputs) {
    if (stated instanceof Task.Classification c) {
      if (model instanceof Task.Regression) {
        throw new ModelLoadException(file + ": model.yaml says classification but the model predicts a number");
      }
      if (outputs != c.classes().size()) {
        throw new ModelLoadException(file + ": model.yaml lists " + c.classes().size() + " classes but the model gives "
            + outputs + " probabilities");
      }
    } else if (model instanceof Task.Classification) {
      throw new ModelLoadException(file + ": model.yaml says regression but the model is a classifier");
    }
  }

  /** Classes "0" … "k-1", for models that record no class names. */
  static List<String> indexClasses(int k) {
    return java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
  }
}
