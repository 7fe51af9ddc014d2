package dev.kiln.core.step;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The built-in steps on the class path, found with {@link ServiceLoader}, by name. */
public final class StepRegistry {
  private final Map<String, Step> steps;

  public StepRegistry(List<Step> steps) {
    Map<String, Step> byName = new TreeMap<>();
    for (Step s : steps) {
      Step previous = byName.put(s.name(), s);
      if (previous != null) {
        throw new IllegalStateException("two steps are named '" + s.name() + "': "
            + previous.getClass().getName() + " and " + s.getClass().getName());
      }
    }
    this.steps = Collections.unmodifiableMap(byName);
  }

  public static StepRegistry load() {
    List<Step> found = new java.util.ArrayList<>();
    ServiceLoader.load(Step.class).forEach(found::add);
    return new StepRegistry(found);
  }

  public Optional<Step> find(String name) {
    return Optional.ofNullable(steps.get(name));
  }

  /** Known step names, sorted. */
  public List<String> names() {
    return List.copyOf(steps.keySet());
  }

  public List<Step> all() {
    return List.copyOf(steps.values());
  }
}
