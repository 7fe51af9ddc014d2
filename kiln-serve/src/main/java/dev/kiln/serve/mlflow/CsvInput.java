package dev.kiln.serve.mlflow;

import dev.kiln.model.features.Columns;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.ColumnsBuilder;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.input.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code text/csv} bodies, as pandas' {@code read_csv} reads what MLflow's scoring server is
 * sent: a header line naming the columns, then one line per row; fields may be quoted
 * ({@code "a,b"}, {@code ""} for a quote); an empty field is a missing value. Rows with another
 * number of fields than the header are refused, naming the line.
 */
public final class CsvInput {
  private CsvInput() {}

  public static Scoring parse(byte[] body, Schema schema, Limits limits) {
    List<List<String>> lines = lines(new String(body, StandardCharsets.UTF_8), limits);
    if (lines.isEmpty()) {
      throw ClientError.bad("malformed", "the CSV body is empty: send a header line and one line per row");
    }
    List<String> header = lines.get(0);
    int rows = lines.size() - 1;
    limits.checkRows(rows);
    ColumnsBuilder b = new ColumnsBuilder(schema, rows);
    int[] at = new int[header.size()];
    for (int c = 0; c < at.length; c++) {
      at[c] = b.column(header.get(c).trim());
    }
    for (int r = 0; r < rows; r++) {
      List<String> line = lines.get(r + 1);
      if (line.size() != at.length) {
        throw ClientError.bad("wrong_shape", "CSV line " + (r + 2) + " has " + line.size() + " fields, the header "
            + at.length);
      }
      for (int c = 0; c < at.length; c++) {
        b.text(at[c], r, line.get(c));
      }
    }
    Columns columns = b.build();
    return new Scoring(columns, Answer.CLASSES);
  }

  /** The records of a CSV text; blank lines are skipped. */
  static List<List<String>> lines(String text, Limits limits) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRecord(out, record, field, wasQuoted, limits);
        record = new ArrayList<>();
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw ClientError.bad("malformed", "the CSV body ends inside a quoted field");
    }
    endRecord(out, record, field, wasQuoted, limits);
    return out;
  }

  private static void endRecord(List<List<String>> out, List<String> record, StringBuilder field, boolean wasQuoted,
      Limits limits) {
    if (record.isEmpty() && field.length() == 0 && !wasQuoted) {
      return;
    }
    record.add(field.toString());
    out.add(record);
    limits.checkRows(out.size() - 1L);
  }
}
