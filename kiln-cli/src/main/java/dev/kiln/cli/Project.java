package dev.kiln.cli;

import dev.kiln.core.Trace;
import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.exec.Workspace;
import dev.kiln.core.hash.FileHasher;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.runs.Runs;
import dev.kiln.core.step.StepRegistry;
import dev.kiln.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An opened Kiln project: its directory, parsed pipeline, metadata store, artifact store and
 * hasher. Commands open one, use it, and close it.
 */
final class Project implements AutoCloseable {
  final Path dir;
  final Pipeline pipeline;
  final MetadataStore store;
  final ArtifactStore artifacts;
  final FileHasher hasher;
  final StepRegistry steps;

  private Project(Path dir, Pipeline pipeline, MetadataStore store, StepRegistry steps) {
    this.dir = dir;
    this.pipeline = pipeline;
    this.store = store;
    this.artifacts = new ArtifactStore(dir.resolve(".kiln").resolve("objects"));
    this.hasher = new FileHasher(dir, store.hashes(), Runtime.getRuntime().availableProcessors());
    this.steps = steps;
  }

  static Project open(KilnCommand root) {
    Trace.mark("command parsed");
    Path dir = locate(root.projectDir);
    StepRegistry steps = StepRegistry.load();
    Trace.mark("steps loaded");
    Pipeline pipeline = new PipelineParser(steps).load(dir);
    Trace.mark("kiln.yaml parsed");
    MetadataStore store = MetadataStore.open(dbUrl(root, dir), dir);
    Trace.mark("metadata store open");
    return new Project(dir, pipeline, store, steps);
  }

  static String dbUrl(KilnCommand root, Path dir) {
    if (root.db != null && !root.db.isBlank()) {
      return root.db;
    }
    String env = System.getenv("KILN_DB");
    return env != null && !env.isBlank() ? env : MetadataStore.sqliteUrl(dir);
  }

  /** The given directory, or the nearest one upwards from the working directory with kiln.yaml. */
  static Path locate(String given) {
    if (given != null) {
      Path dir = Path.of(given).toAbsolutePath().normalize();
      if (!Files.isRegularFile(dir.resolve(Pipeline.FILE_NAME))) {
        throw new UsageException("no " + Pipeline.FILE_NAME + " in " + dir);
      }
      return dir;
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    for (Path d = cwd; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(Pipeline.FILE_NAME))) {
        return d;
      }
    }
    throw new UsageException("no " + Pipeline.FILE_NAME + " found in " + cwd
        + " or any parent directory (use -C DIR to name the project)");
  }

  Path kilnDir() {
    return dir.resolve(".kiln");
  }

  Workspace workspace(Map<Class<?>, Object> services) {
    Map<Class<?>, Object> all = new HashMap<>(services);
    all.put(dev.kiln.core.history.RunHistory.class, store.runs());
    all.put(ArtifactStore.class, artifacts);
    all.put(FileHasher.class, hasher);
    all.put(dev.kiln.release.registry.ModelRegistry.class, store.registry());
    all.put(dev.kiln.release.approval.Approvals.class, store.approvals());
    all.put(dev.kiln.release.environment.Environments.class, store.environments());
    all.put(dev.kiln.release.monitor.MonitorWindows.class, store.monitorWindows());
    all.put(dev.kiln.release.monitor.Alerts.class, store.alerts());
    return new Workspace(pipeline, store.runs(), artifacts, hasher, steps, kilnDir().resolve("runs"), all);
  }

  /** The runs service of this project: start, plan, recover, gc, fsck. */
  Runs runs(java.time.Clock clock) {
    return new Runs(workspace(Map.of()), kilnDir(), clock, RunOwner.current(Hosts.name()), KilnVersion.get());
  }

  /** Every record keeper that references artifact objects: gc keeps them, fsck checks them. */
  java.util.List<dev.kiln.core.artifact.ArtifactReferences> artifactHolders() {
    return java.util.List.of(store.runs(), store.registry());
  }

  @Override
  public void close() {
    hasher.close();
    store.close();
  }
}
