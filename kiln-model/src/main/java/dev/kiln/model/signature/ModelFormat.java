package dev.kiln.model.signature;

import java.util.Locale;
import java.util.Optional;

/** The file formats Kiln loads, and the file names that identify them. */
public enum ModelFormat {
  /** XGBoost's own JSON or UBJSON model, as saved by Python XGBoost or XGBoost4J. */
  XGBOOST,
  /** An ONNX graph, run with ONNX Runtime. */
  ONNX,
  /** A Tribuo model in Tribuo's protobuf format. */
  TRIBUO;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ModelFormat> parse(String word) {
    for (ModelFormat f : values()) {
      if (f.word().equals(word)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format a file name implies, if any. */
  public static Optional<ModelFormat> ofFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".onnx")) {
      return Optional.of(ONNX);
    }
    if (n.endsWith(".ubj") || n.endsWith(".json") || n.endsWith(".xgb")) {
      return Optional.of(XGBOOST);
    }
    if (n.endsWith(".tribuo")) {
      return Optional.of(TRIBUO);
    }
    return Optional.empty();
  }
}
