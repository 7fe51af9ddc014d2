package dev.kiln.core.pipeline;

import dev.kiln.core.config.Node;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, defaulted and validated kiln.yaml: the pipeline's name, its parameters, its
 * stages in file order, and the top-level sections other modules own ({@code on}, {@code monitor}),
 * kept as written and checked by their {@link dev.kiln.core.load.Section}.
 */
public record Pipeline(
    Path projectDir, String name, Optional<String> paramsFile, Params params, Map<String, Stage> stages,
    Map<String, Node> sections) {

  public static final String FILE_NAME = "kiln.yaml";
  public static final int FORMAT_VERSION = 1;

  public Pipeline {
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  public Pipeline(Path projectDir, String name, Optional<String> paramsFile, Params params, Map<String, Stage> stages) {
    this(projectDir, name, paramsFile, params, stages, Map.of());
  }

  /** A top-level section such as {@code on} or {@code monitor}, as written, when the file has it. */
  public Optional<Node> section(String key) {
    return Optional.ofNullable(sections.get(key));
  }

  public Stage stage(String name) {
    Stage s = stages.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no stage '" + name + "'");
    }
    return s;
  }
}
