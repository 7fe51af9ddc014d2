package dev.kiln.cli;

import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of registry objects that {@code kiln models … --json} prints. */
final class ModelsJson {
  private ModelsJson() {}

  static Map<String, Object> json(ModelVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", v.model());
    m.put("version", v.version());
    m.put("aliases", v.aliases());
    m.put("artifact", Json.object("path", v.artifact().path(), "kind", Json.lower(v.artifact().kind()),
        "digest", v.artifact().digest().toString(), "size", v.artifact().size()));
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

  static Map<String, Object> json(AliasMove a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", a.model());
    m.put("alias", a.alias());
    m.put("from", a.fromVersion());
    m.put("to", a.toVersion());
    m.put("by", a.movedBy());
    m.put("at", a.movedAt().toString());
    m.put("reason", a.reason());
    m.put("rollback", a.rollback());
    m.put("forced", a.forced());
    return m;
  }
}
