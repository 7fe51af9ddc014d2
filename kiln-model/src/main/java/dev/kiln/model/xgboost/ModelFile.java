package dev.kiln.model.xgboost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An XGBoost model file as XGBoost saves it ({@code save_model}): JSON or UBJSON, told apart by
 * content. JSON numbers are kept as decimals so split thresholds and leaf values parse to
 * exactly the float32 XGBoost wrote.
 */
public final class ModelFile {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private ModelFile() {}

  /** The document's {@code learner} section. */
  public static JsonNode learner(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new XGBoostModelException("cannot read: " + e.getMessage(), e);
    }
    JsonNode learner = parse(bytes).path("learner");
    if (!learner.isObject()) {
      throw new XGBoostModelException("the XGBoost model has no 'learner' section; is it a model saved with "
          + "save_model()?");
    }
    return learner;
  }

  static JsonNode parse(byte[] bytes) {
    int i = skipSpace(bytes, 0);
    if (i >= bytes.length || bytes[i] != '{') {
      throw new XGBoostModelException("not an XGBoost JSON or UBJSON model (it does not start with an object)");
    }
    int next = skipSpace(bytes, i + 1);
    boolean json = next < bytes.length && (bytes[next] == '"' || bytes[next] == '}');
    if (!json) {
      return Ubjson.read(bytes);
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new XGBoostModelException("not valid JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    } catch (IOException e) {
      throw new XGBoostModelException("cannot parse: " + e.getMessage(), e);
    }
  }

  private static int skipSpace(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }
}
