package dev.kiln.core.step;

import java.util.List;

/** The project-relative inputs and outputs a step derives from its configuration. */
public record StepPaths(List<String> deps, List<String> outs) {
  public static final StepPaths NONE = new StepPaths(List.of(), List.of());

  public StepPaths {
    deps = List.copyOf(deps);
    outs = List.copyOf(outs);
  }
}
