package dev.kiln.serve.mlflow;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.serve.input.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code {"predictions": [...]}}, as MLflow's pyfunc answers: a classifier's decided class per
 * row ({@link Answer#CLASSES}; classes whose names are all whole numbers are written as numbers,
 * as a scikit-learn model trained on 0/1 labels answers {@code [0, 1]}) or its probabilities
 * per row in the model's class order ({@link Answer#PROBABILITIES}); a regressor's number per row.
 */
public final class JsonOutput {
  private JsonOutput() {}

  public static byte[] write(Predictions p, Task task, Answer answer, double threshold) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + p.rows() * 24);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("predictions");
      if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
        classes(g, c, k, answer, threshold);
      } else if (p instanceof Predictions.Scores s) {
        for (double v : s.values()) {
          g.writeNumber(v);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void classes(JsonGenerator g, Predictions.Classes c, Task.Classification k, Answer answer,
      double threshold) throws IOException {
    if (answer == Answer.PROBABILITIES) {
      for (double[] row : c.probabilities()) {
        g.writeArray(row, 0, row.length);
      }
      return;
    }
    List<String> names = k.classes();
    boolean numbers = names.stream().allMatch(JsonOutput::wholeNumber);
    for (int r = 0; r < c.rows(); r++) {
      String label = names.get(c.decide(r, k, threshold));
      if (numbers) {
        g.writeNumber(Long.parseLong(label));
      } else {
        g.writeString(label);
      }
    }
  }

  static boolean wholeNumber(String s) {
    return s.matches("-?(0|[1-9][0-9]{0,17})");
  }
}
