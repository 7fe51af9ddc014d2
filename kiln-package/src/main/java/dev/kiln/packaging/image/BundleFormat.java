package dev.kiln.packaging.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kiln.release.bundle.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The model format of a bundle ({@code xgboost}, {@code onnx}, {@code tribuo}): model.yaml's
 * {@code format}, else told by the model file's name, as kiln-model's loader tells it.
 */
final class BundleFormat {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private BundleFormat() {}

  static String of(Bundle bundle) throws IOException {
    Path yaml = bundle.model().resolve("model.yaml");
    if (Files.isRegularFile(yaml)) {
      JsonNode format = YAML.readTree(yaml.toFile()).get("format");
      if (format != null && format.isTextual()) {
        return format.asText();
      }
    }
    try (Stream<Path> s = Files.list(bundle.model())) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) {
          return "onnx";
        } else if (n.endsWith(".tribuo")) {
          return "tribuo";
        } else if (n.endsWith(".json") || n.endsWith(".ubj")) {
          return "xgboost";
        }
      }
    }
    return "unknown";
  }
}
