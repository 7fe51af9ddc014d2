package dev.kiln.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration file is invalid. Carries every problem found in one pass, so the
 * user can fix them all at once; the CLI maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public static ConfigException of(String file, String message) {
    return new ConfigException(List.of(new Problem(file, 0, 0, "", message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
