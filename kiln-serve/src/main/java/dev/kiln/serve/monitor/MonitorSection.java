package dev.kiln.serve.monitor;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.load.Section;
import dev.kiln.core.pipeline.Pipeline;
import java.util.Optional;

/**
 * The {@code monitor:} section of kiln.yaml: checked while the file loads (so {@code kiln run}
 * and {@code kiln status} report its mistakes with file, line and column beside the rest), and
 * read into a {@link MonitorConfig} by the gateway that judges its rules.
 */
public final class MonitorSection implements Section {
  public static final String KEY = "monitor";

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public void check(Node node, ConfigReader reader) {
    new MonitorConfigReader(reader).read(node);
  }

  /** The pipeline's monitor section, typed; empty when it has none. Its problems throw a ConfigException. */
  public static Optional<MonitorConfig> of(Pipeline pipeline) {
    return pipeline.section(KEY).map(n -> parse(n, Pipeline.FILE_NAME));
  }

  /** Reads a monitor node; every problem in it is thrown together as a ConfigException. */
  public static MonitorConfig parse(Node node, String file) {
    Problems problems = new Problems(file);
    Optional<MonitorConfig> config = new MonitorConfigReader(new ConfigReader(problems)).read(node);
    problems.throwIfAny();
    return config.orElseThrow();
  }
}
