package dev.kiln.cli.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.release.monitor.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an alert reads in tables and JSON. An action may have several records (a webhook's failed
 * attempt, then its success); tables show each action once, with its latest status, while JSON
 * keeps every record.
 */
public final class AlertView {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertView() {}

  /** {@code webhook ok, rollback failed}: every action once, in the order it first acted, with its latest status. */
  public static String actions(Alert a) {
    Map<String, String> latest = new LinkedHashMap<>();
    a.actions().forEach(r -> latest.put(r.action(), r.status()));
    if (latest.isEmpty()) {
      return "-";
    }
    List<String> out = new ArrayList<>();
    latest.forEach((action, status) -> out.add(action + " " + status));
    return String.join(", ", out);
  }

  /** {@code churn v3}, or the version as recorded when it is not a number. */
  public static String version(String model, String version) {
    return model + " " + (version.matches("\\d+") ? "v" + version : version);
  }

  public static Map<String, Object> json(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("environment", a.environment());
    m.put("rule", a.rule());
    m.put("model", a.model());
    m.put("version", a.version());
    m.put("at", a.at().toString());
    m.put("summary", a.summary());
    m.put("evidence", evidence(a.evidenceJson()));
    List<Object> actions = new ArrayList<>();
    for (Alert.ActionResult r : a.actions()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("action", r.action());
      x.put("status", r.status());
      x.put("detail", r.detail());
      x.put("at", r.at().toString());
      actions.add(x);
    }
    m.put("actions", actions);
    return m;
  }

  /** The evidence as JSON; kept as text if a writer recorded something that is not JSON. */
  private static Object evidence(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      return n == null ? null : n;
    } catch (java.io.IOException e) {
      return json;
    }
  }
}
