package dev.kiln.core.plan;

import dev.kiln.core.history.GitState;
import dev.kiln.core.pipeline.Pipeline;
import java.util.HashMap;
import java.util.Map;

/** The names an {@code if:} condition may use: {@code params.*}, {@code git.branch}, {@code git.commit}, {@code trigger}. */
public final class ConditionNames {
  private ConditionNames() {}

  public static Map<String, Object> of(Pipeline pipeline, GitState git, String trigger) {
    Map<String, Object> names = new HashMap<>();
    for (String key : pipeline.params().keys()) {
      names.put("params." + key, pipeline.params().get(key).orElse(null));
    }
    names.put("git.branch", git.branch());
    names.put("git.commit", git.commit());
    names.put("trigger", trigger);
    return names;
  }
}
