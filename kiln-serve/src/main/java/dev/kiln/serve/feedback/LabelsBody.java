package dev.kiln.serve.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.ColumnsBuilder;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.input.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code POST /feedback} body: {@code {"labels": [{"id": "...", "label": 1}, ...]}} where
 * an item names a prediction by request id (with {@code "row": i}, or as {@code "id#i"}, for row
 * {@code i} of a batch), or, on a gateway started with a key column,
 * {@code {"key": "loan_id", "labels": [{"key": "L1", "label": 0}]}}. Every mistake in the body's
 * shape is a 400 naming the item at fault; more labels than a request may hold rows is a 413.
 */
final class LabelsBody {
  private LabelsBody() {}

  static List<Label> parse(byte[] body, Limits limits, Optional<String> keyColumn) {
    JsonNode root = Json.read(body);
    if (!root.isObject()) {
      throw ClientError.bad("malformed", "the feedback body must be a JSON object {\"labels\": [...]}, found "
          + ColumnsBuilder.describe(root));
    }
    checkKeyColumn(root.get("key"), keyColumn);
    JsonNode labels = Json.required(root, "labels", "the feedback body");
    if (!labels.isArray()) {
      throw ClientError.bad("wrong_type", "'labels' must be an array of {\"" + (keyColumn.isPresent() ? "key" : "id")
          + "\": ..., \"label\": ...} objects, found " + ColumnsBuilder.describe(labels));
    }
    limits.checkRows(labels.size());
    List<Label> out = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      out.add(item(i, labels.get(i), keyColumn));
    }
    return out;
  }

  private static void checkKeyColumn(JsonNode key, Optional<String> keyColumn) {
    if (key == null || key.isNull()) {
      return;
    }
    if (keyColumn.isEmpty()) {
      throw ClientError.bad("wrong_shape", "this gateway matches labels by request id (\"id\" per label): start it "
          + "with --feedback-key COLUMN to match them by a column's value");
    }
    if (!key.isTextual() || !key.textValue().equals(keyColumn.get())) {
      throw ClientError.bad("wrong_value", "'key' names the key column, which is '" + keyColumn.get()
          + "' on this gateway; found " + ColumnsBuilder.describe(key));
    }
  }

  private static Label item(int i, JsonNode item, Optional<String> keyColumn) {
    String where = "labels[" + i + "]";
    if (!item.isObject()) {
      throw ClientError.bad("wrong_type", where + " must be an object, found " + ColumnsBuilder.describe(item));
    }
    JsonNode label = item.get("label");
    if (label == null || label.isNull()) {
      throw ClientError.bad("missing", where + " has no 'label'");
    }
    if (!(label.isTextual() || label.isNumber() || label.isBoolean())) {
      throw ClientError.bad("wrong_type", where + ".label must be a string, number or boolean, found "
          + ColumnsBuilder.describe(label));
    }
    return new Label(i, keyColumn.isPresent() ? byKey(where, item) : byId(where, item), label);
  }

  private static String byKey(String where, JsonNode item) {
    if (item.has("id")) {
      throw ClientError.bad("wrong_shape", where + " names an 'id', but this gateway matches labels by the key column:"
          + " give its value as 'key'");
    }
    JsonNode key = item.get("key");
    if (key == null || key.isNull()) {
      throw ClientError.bad("missing", where + " has no 'key' (the key column's value of the predicted row)");
    }
    if (key.isTextual() || key.isIntegralNumber() || key.isBoolean()) {
      return key.asText();
    }
    throw ClientError.bad("wrong_type", where + ".key must be a string or a whole number, found "
        + ColumnsBuilder.describe(key));
  }

  private static String byId(String where, JsonNode item) {
    if (item.has("key")) {
      throw ClientError.bad("wrong_shape", where + " names a 'key', but this gateway matches labels by request id: "
          + "give the response's X-Request-Id as 'id' (start it with --feedback-key COLUMN to match by a column)");
    }
    JsonNode id = item.get("id");
    if (id == null || id.isNull()) {
      throw ClientError.bad("missing", where + " has no 'id' (the X-Request-Id the prediction was answered with)");
    }
    if (!id.isTextual() || id.textValue().isEmpty()) {
      throw ClientError.bad("wrong_type", where + ".id must be a non-empty string, found " + ColumnsBuilder.describe(id));
    }
    JsonNode row = item.get("row");
    if (row == null || row.isNull()) {
      return id.textValue();
    }
    if (!row.canConvertToInt() || !row.isIntegralNumber() || row.intValue() < 0) {
      throw ClientError.bad("wrong_type", where + ".row must be a row index (a whole number from 0), found "
          + ColumnsBuilder.describe(row));
    }
    return id.textValue() + "#" + row.intValue();
  }
}
