package dev.kiln.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.GitState;
import dev.kiln.release.registry.AliasChange;
import dev.kiln.release.registry.AliasConflictException;
import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.release.registry.RegisteredModel;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.release.registry.VersionIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The model registry over JDBC. Version numbers come from a per-model counter incremented in the
 * registering transaction (a row lock on PostgreSQL, the write lock on SQLite), so concurrent
 * registrations never share a number. Alias moves are compare-and-set on a revision column; the
 * loser of a race changes nothing and gets {@link AliasConflictException}.
 */
final class JdbcRegistry implements ModelRegistry {
  private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
  private final Database db;

  JdbcRegistry(Database db) {
    this.db = db;
  }

  @Override
  public ModelVersion register(NewVersion v) {
    return db.write("register a version of " + v.model(), c -> {
      Optional<ModelVersion> same = find(c, v.identity());
      if (same.isPresent()) {
        return same.get();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO models (name, created_at, created_by, next_version) "
          + "VALUES (?, ?, ?, 1) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, v.model());
        ps.setLong(2, v.createdAt().toEpochMilli());
        ps.setString(3, v.createdBy());
        ps.executeUpdate();
      }
      int version;
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE models SET next_version = next_version + 1 WHERE name = ? RETURNING next_version - 1")) {
        ps.setString(1, v.model());
        version = (int) JdbcRunHistory.returnedId(ps);
      }
      insertVersion(c, v, version);
      return load(c, v.model(), version).orElseThrow();
    });
  }

  @Override
  public Optional<ModelVersion> find(VersionIdentity id) {
    return db.read("find " + id.model() + " with artifact " + id.artifact(), c -> find(c, id));
  }

  private static Optional<ModelVersion> find(Connection c, VersionIdentity id) throws SQLException {
    String clause = "WHERE v.model = ? AND v.artifact_digest = ? AND "
        + (id.pipeline() == null ? "v.pipeline IS NULL" : "v.pipeline = ?") + " AND "
        + (id.stage() == null ? "v.stage IS NULL" : "v.stage = ?") + " ORDER BY v.version LIMIT 1";
    List<Object> args = new ArrayList<>(List.of(id.model(), id.artifact().hex()));
    if (id.pipeline() != null) {
      args.add(id.pipeline());
    }
    if (id.stage() != null) {
      args.add(id.stage());
    }
    return query(c, clause, args.toArray()).stream().findFirst();
  }

  private static void insertVersion(Connection c, NewVersion v, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_versions (model, version, artifact_path, "
        + "artifact_kind, artifact_digest, artifact_size, artifact_files, run_id, pipeline, stage, git_commit, "
        + "git_branch, git_dirty, params_json, metrics_json, gate_blessed, gate_reasons_json, description, "
        + "created_by, created_at, gate_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Output a = v.artifact();
      ModelVersion.Lineage l = v.lineage();
      ps.setString(1, v.model());
      ps.setInt(2, version);
      ps.setString(3, a.path());
      ps.setString(4, a.kind().name());
      ps.setString(5, a.digest().hex());
      ps.setLong(6, a.size());
      ps.setInt(7, a.files());
      Sql.setNullableLong(ps, 8, l.runId());
      ps.setString(9, l.pipeline());
      ps.setString(10, l.stage());
      ps.setString(11, l.git().commit());
      ps.setString(12, l.git().branch());
      Sql.setNullableBool(ps, 13, l.git().dirty());
      ps.setString(14, CanonicalJson.write(v.params()));
      ps.setString(15, CanonicalJson.write(v.metrics()));
      Sql.setNullableBool(ps, 16, v.gate().blessed());
      ps.setString(17, CanonicalJson.write(v.gate().reasons()));
      ps.setString(18, v.description());
      ps.setString(19, v.createdBy());
      ps.setLong(20, v.createdAt().toEpochMilli());
      ps.setString(21, GateColumns.write(v.gate()));
      ps.executeUpdate();
    }
    batch(c, "INSERT INTO version_inputs (model, version, path, digest) VALUES (?, ?, ?, ?)", v.model(), version,
        v.lineage().data());
    batch(c, "INSERT INTO version_tags (model, version, tag, value) VALUES (?, ?, ?, ?)", v.model(), version, v.tags());
  }

  private static void batch(Connection c, String sql, String model, int version, Map<String, String> rows)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<String, String> e : rows.entrySet()) {
        ps.setString(1, model);
        ps.setInt(2, version);
        ps.setString(3, e.getKey());
        ps.setString(4, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public ModelVersion resolve(ModelRef ref) {
    return db.read("resolve " + ref, c -> {
      Integer version = ref.version().isPresent() ? Integer.valueOf(ref.version().getAsInt()) : aliasVersion(c, ref);
      return load(c, ref.model(), version).orElseThrow(() -> unknownVersion(c, ref.model(), version));
    });
  }

  private Integer aliasVersion(Connection c, ModelRef ref) throws SQLException {
    requireModel(c, ref.model());
    Map<String, Integer> aliases = aliases(c, ref.model());
    Integer v = aliases.get(ref.alias().orElseThrow());
    if (v == null) {
      throw new RegistryException("model '" + ref.model() + "' has no alias '" + ref.alias().get() + "'; "
          + (aliases.isEmpty() ? "it has no aliases yet (kiln models promote " + ref.model() + " VERSION ALIAS)"
              : "aliases: " + describeAliases(aliases))
          + dev.kiln.core.config.Suggestions.hint(ref.alias().get(), aliases.keySet()));
    }
    return v;
  }

  /** The version, inside a caller's transaction; unknown models and versions name what exists. */
  ModelVersion requireVersion(Connection c, String model, int version) throws SQLException {
    return load(c, model, version).orElseThrow(() -> unknownVersion(c, model, version));
  }

  private RegistryException unknownVersion(Connection c, String model, int version) {
    try {
      requireModel(c, model);
      int latest = latestVersion(c, model);
      return new RegistryException("model '" + model + "' has no version " + version + "; versions are 1 to " + latest);
    } catch (SQLException e) {
      return new RegistryException("model '" + model + "' has no version " + version);
    }
  }

  private void requireModel(Connection c, String model) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM models WHERE name = ?")) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM models ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    if (!names.contains(model)) {
      throw new RegistryException("no model named '" + model + "'" + dev.kiln.core.config.Suggestions.hint(model, names)
          + (names.isEmpty() ? "; the registry is empty" : "; models: " + String.join(", ", names)));
    }
  }

  private static int latestVersion(Connection c, String model) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT next_version - 1 FROM models WHERE name = ?")) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  @Override
  public Optional<ModelVersion> find(String model, int version) {
    return db.read("read " + model + ":" + version, c -> load(c, model, version));
  }

  @Override
  public List<RegisteredModel> models() {
    return db.read("list models", c -> {
      List<RegisteredModel> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT name, description, next_version - 1, created_at FROM models ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new RegisteredModel(rs.getString(1), rs.getString(2), rs.getInt(3), Map.of(),
              Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
      List<RegisteredModel> full = new ArrayList<>();
      for (RegisteredModel m : out) {
        full.add(new RegisteredModel(m.name(), m.description(), m.latestVersion(), aliases(c, m.name()), m.createdAt()));
      }
      return full;
    });
  }

  @Override
  public List<ModelVersion> versions(String model, int limit) {
    return db.read("list versions of " + model, c -> {
      requireModel(c, model);
      return query(c, "WHERE v.model = ? ORDER BY v.version DESC LIMIT ?", model, limit);
    });
  }

  @Override
  public List<ModelVersion> allVersions(int limit) {
    return db.read("list versions", c -> query(c, "ORDER BY v.created_at DESC, v.model, v.version DESC LIMIT ?", limit));
  }

  @Override
  public Map<Digest, Output.Kind> referencedObjects() {
    return db.read("list registered artifacts", c ->
        Sql.digestKinds(c, "SELECT DISTINCT artifact_digest, artifact_kind FROM model_versions"));
  }

  @Override
  public List<String> holdersOf(Digest root, int limit) {
    return db.read("find versions with artifact " + root, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT model, version FROM model_versions WHERE artifact_digest = ? "
          + "ORDER BY model, version LIMIT ?")) {
        ps.setString(1, root.hex());
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add("registered version " + rs.getString(1) + ":" + rs.getInt(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<ModelVersion> trainedOn(Digest data) {
    return db.read("find versions trained on " + data, c -> query(c, "WHERE EXISTS (SELECT 1 FROM version_inputs i "
        + "WHERE i.model = v.model AND i.version = v.version AND i.digest = ?) ORDER BY v.model, v.version DESC", data.hex()));
  }

  @Override
  public AliasMove move(AliasChange change) {
    return db.write("move " + change.model() + "@" + change.alias(), c -> {
      load(c, change.model(), change.toVersion()).orElseThrow(() -> unknownVersion(c, change.model(), change.toVersion()));
      return move(c, change.model(), change.alias(), change.toVersion(), change.actor(), change.reason(),
          change.rollback(), change.forced(), change.expected(), change.at());
    });
  }

  static AliasMove move(Connection c, String model, String alias, int to, String who, String reason, boolean rollback,
      boolean forced, OptionalInt expected, Instant at) throws SQLException {
    Integer from = null;
    Long revision = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT version, revision FROM aliases WHERE model = ? AND alias = ?")) {
      ps.setString(1, model);
      ps.setString(2, alias);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          from = rs.getInt(1);
          revision = rs.getLong(2);
        }
      }
    }
    if (expected.isPresent() && (from == null || from != expected.getAsInt())) {
      throw new AliasConflictException(model + "@" + alias + " points to " + (from == null ? "nothing" : "v" + from)
          + ", not v" + expected.getAsInt() + " as expected; nothing changed");
    }
    int changed;
    if (revision == null) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO aliases (model, alias, version, revision) "
          + "VALUES (?, ?, ?, 1) ON CONFLICT (model, alias) DO NOTHING")) {
        ps.setString(1, model);
        ps.setString(2, alias);
        ps.setInt(3, to);
        changed = ps.executeUpdate();
      }
    } else {
      try (PreparedStatement ps = c.prepareStatement("UPDATE aliases SET version = ?, revision = revision + 1 "
          + "WHERE model = ? AND alias = ? AND revision = ?")) {
        ps.setInt(1, to);
        ps.setString(2, model);
        ps.setString(3, alias);
        ps.setLong(4, revision);
        changed = ps.executeUpdate();
      }
    }
    if (changed != 1) {
      throw new AliasConflictException(model + "@" + alias + " was moved by someone else while this move ran; "
          + "nothing changed: look at 'kiln models history " + model + "' and try again");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO alias_history (model, alias, from_version, to_version, "
        + "moved_by, moved_at, reason, is_rollback, is_forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, model);
      ps.setString(2, alias);
      Sql.setNullableInt(ps, 3, from);
      ps.setInt(4, to);
      ps.setString(5, who);
      ps.setLong(6, at.toEpochMilli());
      ps.setString(7, reason == null ? "" : reason);
      ps.setInt(8, rollback ? 1 : 0);
      ps.setInt(9, forced ? 1 : 0);
      long id = JdbcRunHistory.returnedId(ps);
      return new AliasMove(id, model, alias, from, to, who, at, reason == null ? "" : reason, rollback, forced);
    }
  }

  @Override
  public List<AliasMove> history(String model, Optional<String> alias, int limit) {
    return db.read("read the alias history of " + model, c -> {
      requireModel(c, model);
      List<AliasMove> out = new ArrayList<>();
      String sql = "SELECT * FROM alias_history WHERE model = ?" + (alias.isPresent() ? " AND alias = ?" : "")
          + " ORDER BY id DESC LIMIT ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, model);
        if (alias.isPresent()) {
          ps.setString(i++, alias.get());
        }
        ps.setInt(i, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new AliasMove(rs.getLong("id"), rs.getString("model"), rs.getString("alias"),
                Sql.nullableInt(rs, "from_version"), rs.getInt("to_version"), rs.getString("moved_by"),
                Sql.instant(rs, "moved_at"), rs.getString("reason"), rs.getInt("is_rollback") != 0,
                rs.getInt("is_forced") != 0));
          }
        }
      }
      return out;
    });
  }

  @Override
  public void tag(String model, int version, String key, String value) {
    db.write("tag " + model + ":" + version, c -> {
      load(c, model, version).orElseThrow(() -> unknownVersion(c, model, version));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO version_tags (model, version, tag, value) VALUES "
          + "(?, ?, ?, ?) ON CONFLICT (model, version, tag) DO UPDATE SET value = excluded.value")) {
        ps.setString(1, model);
        ps.setInt(2, version);
        ps.setString(3, key);
        ps.setString(4, value);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void describe(String model, OptionalInt version, String description) {
    db.write("describe " + model, c -> {
      requireModel(c, model);
      if (version.isPresent()) {
        load(c, model, version.getAsInt()).orElseThrow(() -> unknownVersion(c, model, version.getAsInt()));
      }
      String sql = version.isPresent() ? "UPDATE model_versions SET description = ? WHERE model = ? AND version = ?"
          : "UPDATE models SET description = ? WHERE name = ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, description);
        ps.setString(2, model);
        if (version.isPresent()) {
          ps.setInt(3, version.getAsInt());
        }
        ps.executeUpdate();
      }
      return null;
    });
  }

  static Optional<ModelVersion> load(Connection c, String model, int version) throws SQLException {
    return query(c, "WHERE v.model = ? AND v.version = ?", model, version).stream().findFirst();
  }

  /** Versions matching a WHERE/ORDER clause, with their tags, aliases and inputs, in a fixed number of queries. */
  private static List<ModelVersion> query(Connection c, String clause, Object... args) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT v.* FROM model_versions v " + clause)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Map<Integer, Map<String, String>>> tags = children(c, "version_tags", "tag", "value", rows);
    Map<String, Map<Integer, Map<String, String>>> inputs = children(c, "version_inputs", "path", "digest", rows);
    Map<String, Map<String, Integer>> aliases = new HashMap<>();
    List<ModelVersion> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, Integer> modelAliases = aliases.computeIfAbsent(r.model, m -> {
        try {
          return aliases(c, m);
        } catch (SQLException e) {
          throw new StoreException("cannot read aliases of " + m + ": " + e.getMessage(), e);
        }
      });
      List<String> mine = modelAliases.entrySet().stream().filter(e -> e.getValue() == r.version)
          .map(Map.Entry::getKey).sorted().toList();
      out.add(r.toVersion(tags.getOrDefault(r.model, Map.of()).getOrDefault(r.version, Map.of()),
          inputs.getOrDefault(r.model, Map.of()).getOrDefault(r.version, Map.of()), mine));
    }
    return out;
  }

  /** Child rows (tags or inputs) of the given versions: model → version → key → value. */
  private static Map<String, Map<Integer, Map<String, String>>> children(Connection c, String table, String key,
      String value, List<Row> rows) throws SQLException {
    Map<String, Map<Integer, Map<String, String>>> out = new HashMap<>();
    Map<String, List<Integer>> byModel = new LinkedHashMap<>();
    rows.forEach(r -> byModel.computeIfAbsent(r.model, m -> new ArrayList<>()).add(r.version));
    for (Map.Entry<String, List<Integer>> e : byModel.entrySet()) {
      int lo = e.getValue().stream().mapToInt(Integer::intValue).min().orElse(0);
      int hi = e.getValue().stream().mapToInt(Integer::intValue).max().orElse(0);
      try (PreparedStatement ps = c.prepareStatement("SELECT version, " + key + ", " + value + " FROM " + table
          + " WHERE model = ? AND version BETWEEN ? AND ?")) {
        ps.setString(1, e.getKey());
        ps.setInt(2, lo);
        ps.setInt(3, hi);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(e.getKey(), m -> new HashMap<>()).computeIfAbsent(rs.getInt(1), v -> new TreeMap<>())
                .put(rs.getString(2), rs.getString(3));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> aliases(Connection c, String model) throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT alias, version FROM aliases WHERE model = ?")) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return out;
  }

  private static String describeAliases(Map<String, Integer> aliases) {
    List<String> parts = new ArrayList<>();
    aliases.forEach((a, v) -> parts.add(a + " (v" + v + ")"));
    return String.join(", ", parts);
  }

  /** One model_versions row before its children are attached. */
  private record Row(String model, int version, Output artifact, Long runId, String pipeline, String stage,
      GitState git, String params, String metrics, Boolean blessed, String gate, String reasons, String description,
      String createdBy, Instant createdAt) {

    ModelVersion toVersion(Map<String, String> tags, Map<String, String> inputs, List<String> aliases) {
      ModelVersion.Lineage lineage = new ModelVersion.Lineage(runId, pipeline, stage, git, inputs);
      return new ModelVersion(model, version, artifact, lineage, CanonicalJson.MAPPER.convertValue(
          CanonicalJson.read(params, Map.class), PARAMS), CanonicalJson.MAPPER.convertValue(
          CanonicalJson.read(metrics, Map.class), METRICS), GateColumns.read(blessed, gate, reasons), tags, description,
          aliases, createdBy, createdAt);
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    Output artifact = new Output(rs.getString("artifact_path"), Output.Kind.valueOf(rs.getString("artifact_kind")),
        new Digest(rs.getString("artifact_digest")), rs.getLong("artifact_size"), rs.getInt("artifact_files"));
    GitState git = new GitState(rs.getString("git_commit"), rs.getString("git_branch"), Sql.nullableBool(rs, "git_dirty"));
    return new Row(rs.getString("model"), rs.getInt("version"), artifact, Sql.nullableLong(rs, "run_id"),
        rs.getString("pipeline"), rs.getString("stage"), git, rs.getString("params_json"), rs.getString("metrics_json"),
        Sql.nullableBool(rs, "gate_blessed"), rs.getString("gate_json"), rs.getString("gate_reasons_json"),
        rs.getString("description"),
        rs.getString("created_by"), Sql.instant(rs, "created_at"));
  }
}
