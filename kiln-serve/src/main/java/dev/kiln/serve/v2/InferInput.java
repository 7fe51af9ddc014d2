package dev.kiln.serve.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.ColumnsBuilder;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.input.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Open Inference Protocol v2 infer request: {@code {"id"?, "parameters"?, "inputs": [{"name",
 * "shape", "datatype", "data"}], "outputs"?: [{"name"}]}}. Each input tensor is one column
 * (named as the model's input), of shape {@code [rows]} or {@code [rows, 1]}, its data flat or
 * nested row-major; every tensor must have the same number of rows. Datatype and data are
 * checked against each other and against the column's kind.
 */
public final class InferInput {
  private InferInput() {}

  public static Inference parse(byte[] body, Schema schema, Limits limits, List<String> knownOutputs) {
    JsonNode root = Json.read(body);
    if (!root.isObject()) {
      throw ClientError.bad("malformed", "an infer request is a JSON object {\"inputs\": [...]}, found "
          + ColumnsBuilder.describe(root));
    }
    for (var it = root.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!List.of("id", "parameters", "inputs", "outputs").contains(k)) {
        throw ClientError.bad("malformed", "unknown key '" + ColumnsBuilder.abbreviate(k) + "' in the infer request "
            + "(it takes id, parameters, inputs and outputs)");
      }
    }
    Optional<String> id = id(root.get("id"));
    JsonNode inputs = Json.required(root, "inputs", "an infer request");
    if (!inputs.isArray() || inputs.isEmpty()) {
      throw ClientError.bad("wrong_shape", "inputs must be a non-empty list of tensors, one per column ("
          + schema.names() + ")");
    }
    List<Tensor> tensors = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      tensors.add(Tensor.read(inputs.get(i), i, schema, limits));
    }
    int rows = tensors.get(0).rows();
    limits.checkRows(rows);
    ColumnsBuilder b = new ColumnsBuilder(schema, rows);
    for (Tensor t : tensors) {
      if (t.rows() != rows) {
        throw ClientError.column("wrong_shape", t.name(), "input '" + t.name() + "' has " + t.rows() + " rows, input '"
            + tensors.get(0).name() + "' " + rows + ": every input tensor needs the same number of rows");
      }
      t.fill(b);
    }
    return new Inference(id, b.build(), outputs(root.get("outputs"), knownOutputs));
  }

  private static Optional<String> id(JsonNode id) {
    if (id == null || id.isNull()) {
      return Optional.empty();
    }
    if (!id.isTextual()) {
      throw ClientError.bad("malformed", "id must be a string, found " + ColumnsBuilder.describe(id));
    }
    return Optional.of(id.textValue());
  }

  private static List<String> outputs(JsonNode outputs, List<String> known) {
    if (outputs == null || outputs.isNull()) {
      return List.of();
    }
    if (!outputs.isArray()) {
      throw ClientError.bad("malformed", "outputs must be a list of {\"name\": ...}, found " + ColumnsBuilder.describe(outputs));
    }
    List<String> names = new ArrayList<>();
    for (JsonNode o : outputs) {
      JsonNode name = o.isObject() ? o.get("name") : null;
      if (name == null || !name.isTextual()) {
        throw ClientError.bad("malformed", "each requested output is an object with a name, found " + ColumnsBuilder.describe(o));
      }
      if (!known.contains(name.textValue())) {
        throw ClientError.bad("unknown", "unknown output '" + ColumnsBuilder.abbreviate(name.textValue())
            + "': the model gives " + String.join(", ", known));
      }
      names.add(name.textValue());
    }
    return names;
  }

  /** One input tensor, checked. */
  private record Tensor(String name, int column, Datatype type, List<JsonNode> values, Field field) {
    int rows() {
      return values.size();
    }

    static Tensor read(JsonNode t, int i, Schema schema, Limits limits) {
      if (!t.isObject()) {
        throw ClientError.bad("malformed", "inputs[" + i + "] must be a tensor object, found " + ColumnsBuilder.describe(t));
      }
      JsonNode name = Json.required(t, "name", "inputs[" + i + "]");
      if (!name.isTextual()) {
        throw ClientError.bad("malformed", "inputs[" + i + "].name must be a string");
      }
      String n = name.textValue();
      int column = schema.require(n);
      Field field = schema.field(column);
      Datatype type = datatype(t, n, field);
      int rows = rows(Json.required(t, "shape", "input '" + n + "'"), n);
      limits.checkRows(rows);
      List<JsonNode> values = new ArrayList<>();
      flatten(Json.required(t, "data", "input '" + n + "'"), values, n, 0);
      if (values.size() != rows) {
        throw ClientError.column("wrong_shape", n, "input '" + n + "' has shape [" + rows + "] but " + values.size()
            + " values");
      }
      for (int r = 0; r < rows; r++) {
        if (!type.holds(values.get(r))) {
          throw ClientError.column("wrong_type", n, "input '" + n + "' is " + type + ", but element " + r + " is "
              + ColumnsBuilder.describe(values.get(r)));
        }
      }
      return new Tensor(n, column, type, values, field);
    }

    private static Datatype datatype(JsonNode t, String n, Field field) {
      JsonNode d = Json.required(t, "datatype", "input '" + n + "'");
      Datatype type = Datatype.parse(d.asText()).orElseThrow(() -> ClientError.column("wrong_type", n, "input '" + n
          + "' has datatype " + ColumnsBuilder.describe(d) + ", not one of the protocol's (BOOL, INT8 … INT64, "
          + "UINT8 … UINT64, FP16, FP32, FP64, BYTES)"));
      if (!type.fits(field)) {
        throw ClientError.column("wrong_type", n, "input '" + n + "' is a " + field.kind().word() + " column, which "
            + (field.numeric() ? "takes a number datatype (FP64, FP32, INT64, ...), not BYTES" : "takes BYTES, not " + type));
      }
      return type;
    }

    /** The rows of a shape {@code [rows]} or {@code [rows, 1]}. */
    private static int rows(JsonNode shape, String n) {
      boolean ok = shape.isArray() && (shape.size() == 1 || shape.size() == 2 && shape.get(1).asLong(-1) == 1);
      for (JsonNode d : shape) {
        ok &= d.isIntegralNumber() && d.canConvertToInt() && d.intValue() >= 0;
      }
      if (!ok) {
        throw ClientError.column("wrong_shape", n, "input '" + n + "' has shape " + shape + ": a column's tensor has "
            + "shape [rows] or [rows, 1]");
      }
      return shape.get(0).intValue();
    }

    private static void flatten(JsonNode data, List<JsonNode> into, String n, int depth) {
      if (!data.isArray()) {
        throw ClientError.column("wrong_shape", n, "input '" + n + "': data must be a list, found "
            + ColumnsBuilder.describe(data));
      }
      for (JsonNode v : data) {
        if (v.isArray() && depth < 1) {
          flatten(v, into, n, depth + 1);
        } else if (v.isArray() || v.isObject()) {
          throw ClientError.column("wrong_shape", n, "input '" + n + "': data nests deeper than the shape [rows, 1]");
        } else {
          into.add(v);
        }
      }
    }

    void fill(ColumnsBuilder b) {
      int c = b.column(name);
      for (int r = 0; r < values.size(); r++) {
        b.json(c, r, values.get(r));
      }
    }
  }
}
