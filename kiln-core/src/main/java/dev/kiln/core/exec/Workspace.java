package dev.kiln.core.exec;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.plan.Decider;
import dev.kiln.core.step.StepRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The parts a run works with: the pipeline, the history it records into, the artifact store,
 * the file hasher, the built-in steps, where run logs go, and services offered to steps.
 */
public record Workspace(
    Pipeline pipeline,
    RunHistory history,
    ArtifactStore store,
    FileHasher hasher,
    StepRegistry steps,
    Path runsDir,
    Map<Class<?>, Object> services) {

  public Path projectDir() {
    return pipeline.projectDir();
  }

  public Decider decider() {
    return new Decider(pipeline, history, hasher, steps, store);
  }

  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(services.get(type)).map(type::cast);
  }
}
