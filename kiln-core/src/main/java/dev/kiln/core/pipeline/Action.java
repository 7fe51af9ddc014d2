package dev.kiln.core.pipeline;

import java.util.List;
import java.util.Map;

/** What a stage does: run shell commands, or use a built-in step. */
public sealed interface Action {

  /** Shell commands run in order with {@code bash -c}; the first failure stops the stage. */
  record Run(List<String> commands) implements Action {
    public Run {
      commands = List.copyOf(commands);
    }
  }

  /** A built-in step looked up by name, with its {@code with:} configuration. */
  record Uses(String step, Map<String, Object> with) implements Action {
    public Uses {
      with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
    }
  }
}
