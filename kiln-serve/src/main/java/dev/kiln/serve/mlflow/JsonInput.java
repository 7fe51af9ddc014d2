package dev.kiln.serve.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.ColumnsBuilder;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.input.Schema;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * MLflow's JSON scoring formats, as {@code mlflow models serve} reads them: exactly one of
 * {@code dataframe_split} ({@code {"columns": [...], "data": [[...], ...]}}),
 * {@code dataframe_records} (a list of row objects), {@code instances} or {@code inputs} (TF
 * Serving's row format — a list of row objects, or of rows in the signature's column order —
 * or its column format, an object of equally long lists), and optionally {@code params}.
 */
public final class JsonInput {
  private static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");

  private JsonInput() {}

  public static Scoring parse(byte[] body, Schema schema, Limits limits) {
    JsonNode root = Json.read(body);
    if (!root.isObject()) {
      throw ClientError.bad("malformed", "the request must be a JSON object with one of " + String.join(", ", FORMATS)
          + ", found " + ColumnsBuilder.describe(root));
    }
    String format = null;
    Answer answer = Answer.CLASSES;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("params")) {
        answer = params(e.getValue());
      } else if (!FORMATS.contains(e.getKey())) {
        throw ClientError.bad("malformed", "unknown key '" + ColumnsBuilder.abbreviate(e.getKey())
            + "': the request takes exactly one of " + String.join(", ", FORMATS) + " (and optionally params)");
      } else if (format != null) {
        throw ClientError.bad("malformed", "the request holds both " + format + " and " + e.getKey() + ": send one");
      } else {
        format = e.getKey();
      }
    }
    if (format == null) {
      throw ClientError.bad("malformed", "the request holds none of " + String.join(", ", FORMATS));
    }
    JsonNode data = root.get(format);
    return new Scoring(switch (format) {
      case "dataframe_split" -> Tables.split(data, schema, limits);
      case "dataframe_records" -> Tables.records(data, format, schema, limits);
      default -> Tables.tfServing(data, format, schema, limits);
    }, answer);
  }

  private static Answer params(JsonNode params) {
    if (!params.isObject()) {
      throw ClientError.bad("malformed", "params must be an object, found " + ColumnsBuilder.describe(params));
    }
    Answer answer = Answer.CLASSES;
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("predict")) {
        throw ClientError.bad("malformed", "unknown param '" + ColumnsBuilder.abbreviate(e.getKey())
            + "': the gateway takes params.predict (\"classes\" or \"probabilities\")");
      }
      if (!e.getValue().isTextual()) {
        throw ClientError.bad("malformed", "params.predict must be a string, found "
            + ColumnsBuilder.describe(e.getValue()));
      }
      answer = Answer.parse(e.getValue().textValue());
    }
    return answer;
  }
}
