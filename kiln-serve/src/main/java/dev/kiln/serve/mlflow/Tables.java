package dev.kiln.serve.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.features.Columns;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.ColumnsBuilder;
import dev.kiln.serve.input.Json;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.input.Schema;
import java.util.Iterator;
import java.util.Map;

/** The table shapes MLflow's JSON formats carry, each read into checked columns. */
final class Tables {
  private Tables() {}

  /** {@code {"columns": [...], "data": [[...], ...]}}, pandas' "split" orient; {@code index} is ignored. */
  static Columns split(JsonNode split, Schema schema, Limits limits) {
    if (!split.isObject()) {
      throw shape("dataframe_split must be an object {\"columns\": [...], \"data\": [[...]]}, found "
          + ColumnsBuilder.describe(split));
    }
    JsonNode columns = Json.required(split, "columns", "dataframe_split");
    JsonNode data = Json.required(split, "data", "dataframe_split");
    if (!columns.isArray() || !data.isArray()) {
      throw shape("dataframe_split's columns and data must be lists");
    }
    limits.checkRows(data.size());
    ColumnsBuilder b = new ColumnsBuilder(schema, data.size());
    int[] at = new int[columns.size()];
    for (int c = 0; c < at.length; c++) {
      JsonNode name = columns.get(c);
      if (!name.isTextual()) {
        throw shape("dataframe_split's columns must be names (strings), found " + ColumnsBuilder.describe(name));
      }
      at[c] = b.column(name.textValue());
    }
    for (int r = 0; r < data.size(); r++) {
      JsonNode row = data.get(r);
      if (!row.isArray() || row.size() != at.length) {
        throw shape("dataframe_split's row " + (r + 1) + " must be a list of " + at.length + " values (one per "
            + "column), found " + (row.isArray() ? row.size() + " values" : ColumnsBuilder.describe(row)));
      }
      for (int c = 0; c < at.length; c++) {
        b.json(at[c], r, row.get(c));
      }
    }
    return b.build();
  }

  /** A list of row objects, pandas' "records" orient. */
  static Columns records(JsonNode records, String key, Schema schema, Limits limits) {
    if (!records.isArray()) {
      throw shape(key + " must be a list of row objects, found " + ColumnsBuilder.describe(records));
    }
    limits.checkRows(records.size());
    ColumnsBuilder b = new ColumnsBuilder(schema, records.size());
    for (int r = 0; r < records.size(); r++) {
      JsonNode row = records.get(r);
      if (!row.isObject()) {
        throw shape(key + " row " + (r + 1) + " must be an object {\"column\": value, ...}, found "
            + ColumnsBuilder.describe(row));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        b.json(b.columnOfRow(e.getKey()), r, e.getValue());
      }
    }
    return b.build();
  }

  /**
   * TF Serving's formats: rows (a list of objects, or of lists in the signature's column order)
   * or columns (an object of equally long lists; scalars for a single row).
   */
  static Columns tfServing(JsonNode data, String key, Schema schema, Limits limits) {
    if (data.isObject()) {
      return columnar(data, key, schema, limits);
    }
    if (!data.isArray()) {
      throw shape(key + " must be a list of rows or an object of columns, found " + ColumnsBuilder.describe(data));
    }
    if (data.size() > 0 && data.get(0).isArray()) {
      return positional(data, key, schema, limits);
    }
    return records(data, key, schema, limits);
  }

  private static Columns positional(JsonNode rows, String key, Schema schema, Limits limits) {
    limits.checkRows(rows.size());
    ColumnsBuilder b = new ColumnsBuilder(schema, rows.size());
    for (int c = 0; c < schema.size(); c++) {
      b.column(schema.field(c).name());
    }
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      if (!row.isArray() || row.size() != schema.size()) {
        throw shape(key + " row " + (r + 1) + " must be a list of " + schema.size() + " values in the order "
            + schema.names() + ", found " + (row.isArray() ? row.size() + " values" : ColumnsBuilder.describe(row)));
      }
      for (int c = 0; c < schema.size(); c++) {
        b.json(c, r, row.get(c));
      }
    }
    return b.build();
  }

  private static Columns columnar(JsonNode data, String key, Schema schema, Limits limits) {
    int rows = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      int n = e.getValue().isArray() ? e.getValue().size() : 1;
      if (rows >= 0 && n != rows) {
        throw ClientError.column("wrong_shape", e.getKey(), key + ": column '" + ColumnsBuilder.abbreviate(e.getKey())
            + "' holds " + n + " values, the columns before it " + rows);
      }
      rows = n;
    }
    limits.checkRows(Math.max(rows, 0));
    ColumnsBuilder b = new ColumnsBuilder(schema, Math.max(rows, 0));
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      int c = b.column(e.getKey());
      JsonNode v = e.getValue();
      for (int r = 0; r < b.rows(); r++) {
        b.json(c, r, v.isArray() ? v.get(r) : v);
      }
    }
    return b.build();
  }

  private static ClientError shape(String message) {
    return ClientError.bad("wrong_shape", message);
  }
}
