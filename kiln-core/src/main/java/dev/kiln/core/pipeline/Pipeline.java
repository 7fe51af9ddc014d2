package dev.kiln.core.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, defaulted and validated kiln.yaml: the pipeline's name, its parameters and its
 * stages in file order.
 */
public record Pipeline(
    Path projectDir, String name, Optional<String> paramsFile, Params params, Map<String, Stage> stages) {

  public static final String FILE_NAME = "kiln.yaml";
  public static final int FORMAT_VERSION = 1;

  public Pipeline {
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  public Stage stage(String name) {
    Stage s = stages.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no stage '" + name + "'");
    }
    return s;
  }
}
