package dev.kiln.release.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A version as a plain record (nested maps and lists, stable key order): what
 * {@code kiln models show --json} prints and what a bundle's {@code lineage.json} holds —
 * artifact, lineage (run, pipeline, stage, git, data hashes), params, metrics, the gate's
 * verdict, tags and who registered it when.
 */
public final class VersionRecord {
  private VersionRecord() {}

  public static Map<String, Object> of(ModelVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", v.model());
    m.put("version", v.version());
    m.put("aliases", v.aliases());
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("path", v.artifact().path());
    artifact.put("kind", v.artifact().kind().name().toLowerCase(Locale.ROOT));
    artifact.put("digest", v.artifact().digest().toString());
    artifact.put("size", v.artifact().size());
    m.put("artifact", artifact);
    Map<String, Object> lineage = new LinkedHashMap<>();
    lineage.put("run", v.lineage().runId());
    lineage.put("pipeline", v.lineage().pipeline());
    lineage.put("stage", v.lineage().stage());
    lineage.put("git_commit", v.lineage().git().commit());
    lineage.put("git_dirty", v.lineage().git().dirty());
    lineage.put("data", new TreeMap<>(v.lineage().data()));
    m.put("lineage", lineage);
    m.put("params", new TreeMap<>(v.params()));
    m.put("metrics", new TreeMap<>(v.metrics()));
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put("blessed", v.gate().blessed());
    gate.put("reasons", v.gate().reasons());
    m.put("gate", gate);
    m.put("tags", new TreeMap<>(v.tags()));
    m.put("description", v.description());
    m.put("created_by", v.createdBy());
    m.put("created_at", v.createdAt().toString());
    return m;
  }
}
