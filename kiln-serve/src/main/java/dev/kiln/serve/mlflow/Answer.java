package dev.kiln.serve.mlflow;

import dev.kiln.serve.input.ClientError;

/**
 * What {@code /invocations} answers for a classifier: the decided class of each row, as
 * MLflow's pyfunc {@code predict} of a scikit-learn classifier gives it (the default), or each
 * row's class probabilities, as {@code predict_proba} gives them. A regressor always answers
 * its number. Chosen with {@code "params": {"predict": "classes" | "probabilities"}}.
 */
public enum Answer {
  CLASSES("classes"),
  PROBABILITIES("probabilities");

  private final String word;

  Answer(String word) {
    this.word = word;
  }

  public static Answer parse(String word) {
    for (Answer a : values()) {
      if (a.word.equals(word)) {
        return a;
      }
    }
    throw ClientError.bad("malformed", "params.predict must be \"classes\" or \"probabilities\", found \"" + word + "\"");
  }
}
