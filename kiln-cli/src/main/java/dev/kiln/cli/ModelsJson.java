package dev.kiln.cli;

import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.VersionRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of registry objects that {@code kiln models … --json} prints. */
final class ModelsJson {
  private ModelsJson() {}

  static Map<String, Object> json(ModelVersion v) {
    return VersionRecord.of(v);
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
