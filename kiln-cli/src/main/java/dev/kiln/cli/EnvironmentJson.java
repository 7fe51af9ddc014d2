package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Strategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Environments, rollouts and their history as JSON for {@code --json}, keys in a stable order. */
final class EnvironmentJson {
  private EnvironmentJson() {}

  static Map<String, Object> deployment(Deployment d, List<EnvironmentEvent> events) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", d.environment());
    m.put("model", d.model());
    m.put("stable", d.stable());
    m.put("routing", d.routing().describe());
    m.put("rollout", d.rollout().map(EnvironmentJson::rollout).orElse(null));
    m.put("revision", d.revision());
    m.put("updated_at", d.updatedAt().toString());
    m.put("updated_by", d.updatedBy());
    if (events != null) {
      m.put("events", events.stream().map(EnvironmentJson::event).toList());
    }
    return m;
  }

  static Map<String, Object> rollout(RolloutState r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("candidate", r.candidate());
    m.put("stable", r.stable());
    m.put("strategy", kind(r));
    m.put("phase", r.phase().label());
    m.put("reason", r.reason());
    m.put("step", r.step() + 1);
    m.put("weight", r.weight());
    m.put("since", r.since().toString());
    m.put("analyses", r.analyses());
    m.put("passed", r.passed());
    m.put("failures", r.failures());
    m.put("consecutive_errors", r.consecutiveErrors());
    m.put("warm_until", r.warmUntil() == null ? null : r.warmUntil().toString());
    return m;
  }

  static Map<String, Object> event(EnvironmentEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at().toString());
    m.put("actor", e.actor());
    m.put("run", e.runId());
    m.put("from_version", e.fromVersion());
    m.put("to_version", e.toVersion());
    m.put("text", e.text());
    return m;
  }

  static String kind(RolloutState r) {
    Strategy s = r.strategy();
    if (s instanceof Strategy.Replace) {
      return "replace";
    }
    if (s instanceof Strategy.BlueGreen) {
      return "blue-green";
    }
    return s instanceof Strategy.Canary ? "canary" : "shadow";
  }
}
