package dev.kiln.core.plan;

import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.StageOutput;
import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.step.InputContext;
import dev.kiln.core.step.OutputType;
import dev.kiln.core.step.Upstream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link InputContext} of one stage: its configuration and params from the pipeline, the
 * results of its upstream stages from {@link UpstreamResults}, services from the host.
 */
public final class DecisionContext implements InputContext {
  private final Pipeline pipeline;
  private final Stage stage;
  private final List<String> upstream;
  private final UpstreamResults results;
  private final Function<Class<?>, Optional<Object>> services;
  private final Clock clock;

  public DecisionContext(Pipeline pipeline, Stage stage, List<String> upstream, UpstreamResults results,
      Function<Class<?>, Optional<Object>> services, Clock clock) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.upstream = List.copyOf(upstream);
    this.results = results;
    this.services = services;
    this.clock = clock;
  }

  @Override
  public Path projectDir() {
    return pipeline.projectDir();
  }

  @Override
  public String stageName() {
    return stage.name();
  }

  @Override
  public Map<String, Object> with() {
    return stage.action() instanceof Action.Uses u ? u.with() : Map.of();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> out = new LinkedHashMap<>();
    stage.params().forEach(k -> out.put(k, pipeline.params().get(k).orElse(null)));
    return out;
  }

  @Override
  public Pipeline pipeline() {
    return pipeline;
  }

  @Override
  public List<String> upstreamStages() {
    return upstream;
  }

  @Override
  public Map<String, Double> upstreamMetrics(String name) {
    return results.result(name).map(ExecutionRecord::metrics).orElse(Map.of());
  }

  @Override
  public List<String> upstreamDetails(String name) {
    return results.result(name).map(ExecutionRecord::details).orElse(List.of());
  }

  @Override
  public <T> List<Upstream<T>> upstream(OutputType<T> type) {
    List<Upstream<T>> out = new ArrayList<>();
    for (String name : upstream) {
      StageOutput stored = results.result(name).map(ExecutionRecord::output).orElse(StageOutput.NONE);
      type.read(stored).ifPresent(v -> out.add(new Upstream<>(name, v)));
    }
    return out;
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return services.apply(type).map(type::cast);
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
