package dev.kiln.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.core.artifact.Output;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.plan.StageStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of {@code --json} output: stable keys in snake_case, lower-case statuses. */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private static final ObjectMapper LINES = JsonMapper.builder().build();

  private Json() {}

  /** One JSON object on one line, for JSON Lines output ({@code kiln watch --json}). */
  static String line(Object value) {
    try {
      return LINES.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An object whose keys keep the order given (Map.of's order changes from run to run). */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> run(RunRecord r) {
    return run(r, java.util.Optional.empty());
  }

  /** A run; {@code abandoned} says why a run recorded as running has no live owner any more. */
  static Map<String, Object> run(RunRecord r, java.util.Optional<String> abandoned) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("pipeline", r.pipeline());
    m.put("status", lower(r.status()));
    m.put("reason", r.reason());
    m.put("trigger", r.trigger());
    m.put("cause", r.cause().isEmpty() ? null : r.cause());
    m.put("ci", r.ci().present() ? object("system", r.ci().system(), "url", r.ci().url(), "commit", r.ci().commit(),
        "branch", r.ci().branch(), "pull_request", r.ci().pullRequest()) : null);
    m.put("git_commit", r.git().commit());
    m.put("git_branch", r.git().branch());
    m.put("git_dirty", r.git().dirty());
    m.put("kiln_version", r.kilnVersion());
    m.put("host", r.host());
    m.put("started_at", r.startedAt().toString());
    m.put("ended_at", r.endedAt() == null ? null : r.endedAt().toString());
    m.put("duration_ms", r.duration().toMillis());
    m.put("targets", r.targets());
    r.owner().ifPresent(o -> m.put("owner", Map.of("host", o.host(), "pid", o.pid())));
    abandoned.ifPresent(why -> m.put("abandoned", why));
    return m;
  }

  static Map<String, Object> execution(ExecutionRecord e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", e.stage());
    m.put("status", lower(e.status()));
    m.put("reason", e.reason());
    m.put("fingerprint", e.fingerprint());
    m.put("started_at", e.startedAt().toString());
    m.put("wall_ms", e.wallMillis());
    m.put("cpu_ms", e.cpuMillis() < 0 ? null : e.cpuMillis());
    m.put("peak_rss_bytes", e.peakRssBytes() <= 0 ? null : e.peakRssBytes());
    m.put("exit_code", e.exitCode());
    m.put("attempts", e.attempts());
    m.put("log", e.logPath());
    m.put("source_execution", e.sourceExecutionId());
    m.put("metrics", e.metrics());
    List<Object> outs = new ArrayList<>();
    for (Output o : e.outputs()) {
      outs.add(object("path", o.path(), "kind", lower(o.kind()), "digest", o.digest().toString(), "size", o.size()));
    }
    m.put("outputs", outs);
    m.put("details", e.details());
    return m;
  }

  static List<Object> statuses(List<StageStatus> statuses) {
    List<Object> out = new ArrayList<>();
    for (StageStatus s : statuses) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", s.stage());
      m.put("state", lower(s.state()));
      m.put("reasons", s.reasons());
      m.put("cached_run", s.cachedRun().orElse(null));
      out.add(m);
    }
    return out;
  }
}
