package dev.kiln.model.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The signature of an XGBoost model from its {@code learner} section, shared by both XGBoost
 * backends (and free of XGBoost4J, so the Java predictor loads none of its classes). The
 * objective says the task: {@code binary:logistic}, {@code binary:logitraw}, {@code multi:softprob}
 * and {@code multi:softmax} are classifiers, other {@code binary:}, {@code multi:} and
 * {@code rank:} objectives are refused, the rest are regressors.
 */
final class XGBoostSignature {
  private XGBoostSignature() {}

  static Signature of(Path file, ModelSpec spec, JsonNode learner) {
    String objective = learner.path("objective").path("name").asText("");
    JsonNode params = learner.path("learner_model_param");
    int numClass = Integer.parseInt(params.path("num_class").asText("0"));
    int numFeature = Integer.parseInt(params.path("num_feature").asText("-1"));
    List<String> names = new ArrayList<>();
    learner.path("feature_names").forEach(n -> names.add(n.asText()));
    Task task;
    int outputs;
    if (objective.equals("binary:logistic") || objective.equals("binary:logitraw")) {
      task = Task.Classification.of(SignatureMerge.indexClasses(2));
      outputs = 2;
    } else if (objective.equals("multi:softprob") || objective.equals("multi:softmax")) {
      task = Task.Classification.of(SignatureMerge.indexClasses(numClass));
      outputs = numClass;
    } else if (objective.startsWith("multi:") || objective.startsWith("binary:") || objective.startsWith("rank:")) {
      throw new ModelLoadException(file + ": XGBoost objective '" + objective + "' is not supported: Kiln "
          + "evaluates classifiers by their probabilities (binary:logistic, binary:logitraw, multi:softprob, "
          + "multi:softmax) and regressors by their scores; ranking models are not evaluated yet");
    } else {
      task = new Task.Regression();
      outputs = 0;
    }
    return SignatureMerge.merge(file, spec, names, numFeature, task, outputs);
  }
}
