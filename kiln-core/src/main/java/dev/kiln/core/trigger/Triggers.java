package dev.kiln.core.trigger;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Problems;
import dev.kiln.core.pipeline.Pipeline;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's {@code on:} section, typed: what starts it without a person at a terminal. Empty parts
 * start nothing; {@code kiln run} always works, whatever the section says.
 */
public record Triggers(Optional<PushFilter> push, List<Schedule> schedules, Optional<DataWatch> data, boolean manual,
    MonitorFilter monitor) {
  public static final Triggers NONE = new Triggers(Optional.empty(), List.of(), Optional.empty(), false,
      MonitorFilter.NONE);

  public Triggers {
    schedules = List.copyOf(schedules);
  }

  /** The pipeline's triggers; the section was checked when the file loaded, so this reports nothing new. */
  public static Triggers of(Pipeline pipeline) {
    return pipeline.section(OnSection.KEY)
        .map(n -> OnSection.parse(n, new ConfigReader(new Problems(Pipeline.FILE_NAME))))
        .orElse(NONE);
  }

  public boolean watchesAnything() {
    return push.isPresent() || !schedules.isEmpty() || data.isPresent();
  }
}
