package dev.kiln.model.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.model.predict.Predictions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an evaluation's files: {@code metrics.json} (one flat object, sorted keys, the names
 * gates use) and the row-wise predictions CSV ({@code row, label, predicted}, then one
 * {@code p_CLASS} column per class, or {@code prediction} for a regressor).
 */
public final class EvaluationFiles {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private EvaluationFiles() {}

  public static void writeMetrics(Evaluation e, Path file) throws IOException {
    createParent(file);
    Files.writeString(file, JSON.writeValueAsString(new TreeMap<>(e.metrics())) + "\n");
  }

  /** The evaluation as JSON-ready maps: metrics, undefined metrics with reasons, notes on metrics, and encoding notes. */
  public static Map<String, Object> summary(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", e.task().word());
    m.put("label", e.label());
    m.put("rows_without_label", e.unlabeledRows());
    m.put("metrics", new TreeMap<>(e.metrics()));
    m.put("undefined", new TreeMap<>(e.undefined()));
    m.put("notes", new TreeMap<>(e.notes()));
    m.put("missing_values", new TreeMap<>(e.encoding().missing()));
    m.put("unseen_categories", new TreeMap<>(e.encoding().unseen()));
    return m;
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void writePredictions(Evaluation e, Path file) throws IOException {
    createParent(file);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      List<String> header = new java.util.ArrayList<>(List.of("row", e.label(), "predicted"));
      if (e.predictions() instanceof Predictions.Classes c) {
        c.classes().forEach(k -> header.add("p_" + k));
      }
      w.write(csvLine(header));
      for (int i = 0; i < e.truth().length; i++) {
        List<String> cells = new java.util.ArrayList<>(List.of(Integer.toString(i), e.truth()[i], e.predictedLabels()[i]));
        if (e.predictions() instanceof Predictions.Classes c) {
          for (double p : c.probabilities()[i]) {
            cells.add(Double.toString(p));
          }
        }
        w.write(csvLine(cells));
      }
    }
  }

  private static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i) == null ? "" : cells.get(i);
      sb.append(c.matches(".*[,\"\\n\\r].*") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return sb.append('\n').toString();
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
