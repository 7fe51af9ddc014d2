package dev.kiln.serve.drift;

import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;

/**
 * What a version predicted for a request's rows, as its prediction sketch counts it: the class
 * a classifier decided (at the gateway's threshold), or the number a regressor predicted.
 */
record Outputs(Predictions predictions, Task task, double threshold) {

  void addTo(Sketch s, int row) {
    if (predictions instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      s.add(k.classes().get(c.decide(row, k, threshold)));
    } else if (predictions instanceof Predictions.Scores sc) {
      s.add(sc.values()[row]);
    }
  }
}
