package dev.kiln.serve.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.serve.input.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An infer response: {@code {"model_name", "model_version", "id", "outputs": [...]}}. A
 * classifier gives {@code predicted} (BYTES {@code [rows]}, the decided class) and
 * {@code probabilities} (FP64 {@code [rows, classes]}, row-major, the classes in
 * {@code parameters.classes}); a regressor gives {@code prediction} (FP64 {@code [rows]}).
 */
public final class InferOutput {
  public static final String PREDICTED = "predicted";
  public static final String PROBABILITIES = "probabilities";
  public static final String PREDICTION = "prediction";

  private InferOutput() {}

  /** The outputs a model of this task gives, in the order they are written. */
  public static List<String> names(Task task) {
    return task instanceof Task.Classification ? List.of(PREDICTED, PROBABILITIES) : List.of(PREDICTION);
  }

  public static byte[] write(String model, int version, String id, Predictions p, Task task, List<String> asked,
      double threshold) {
    List<String> outputs = asked.isEmpty() ? names(task) : asked;
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + p.rows() * 32);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", model);
      g.writeStringField("model_version", Integer.toString(version));
      g.writeStringField("id", id);
      g.writeArrayFieldStart("outputs");
      for (String o : outputs) {
        output(g, o, p, task, threshold);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void output(JsonGenerator g, String name, Predictions p, Task task, double threshold)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      if (name.equals(PREDICTED)) {
        header(g, "BYTES", p.rows());
        for (int r = 0; r < c.rows(); r++) {
          g.writeString(k.classes().get(c.decide(r, k, threshold)));
        }
      } else {
        header(g, "FP64", p.rows(), k.classes().size());
        for (double[] row : c.probabilities()) {
          for (double v : row) {
            g.writeNumber(v);
          }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("parameters");
        g.writeArrayFieldStart("classes");
        for (String cl : k.classes()) {
          g.writeString(cl);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        return;
      }
    } else if (p instanceof Predictions.Scores s) {
      header(g, "FP64", p.rows());
      for (double v : s.values()) {
        g.writeNumber(v);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes datatype and shape, and opens the data array. */
  private static void header(JsonGenerator g, String datatype, int... shape) throws IOException {
    g.writeStringField("datatype", datatype);
    g.writeArrayFieldStart("shape");
    for (int d : shape) {
      g.writeNumber(d);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("data");
  }
}
