package dev.kiln.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.gate.Threshold;
import dev.kiln.release.rollout.AnalysisSpec;
import dev.kiln.release.rollout.CanaryStep;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout's state in environments.rollout_json: strategies by kind ({@code replace},
 * {@code blue-green}, {@code canary}, {@code shadow}), durations in ISO-8601, instants in epoch
 * milliseconds, thresholds as written ({@code "> 0.01"}). The domain types stay free of
 * persistence annotations.
 */
final class RolloutJson {
  private RolloutJson() {}

  static String write(RolloutState s) {
    ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
    n.put("environment", s.environment()).put("stable", s.stable()).put("candidate", s.candidate());
    n.set("strategy", strategy(s.strategy()));
    n.put("phase", s.phase().name()).put("reason", s.reason()).put("step", s.step()).put("weight", s.weight());
    n.put("since", s.since().toEpochMilli()).put("analyses", s.analyses()).put("passed", s.passed());
    n.put("failures", s.failures()).put("consecutive_errors", s.consecutiveErrors());
    if (s.warmUntil() != null) {
      n.put("warm_until", s.warmUntil().toEpochMilli());
    }
    return CanonicalJson.write(n);
  }

  static RolloutState read(String json) {
    JsonNode n = CanonicalJson.read(json, JsonNode.class);
    return new RolloutState(n.get("environment").asText(), n.get("stable").asInt(), n.get("candidate").asInt(),
        strategy(n.get("strategy")), Phase.valueOf(n.get("phase").asText()), n.get("reason").asText(),
        n.get("step").asInt(), n.get("weight").asInt(), Instant.ofEpochMilli(n.get("since").asLong()),
        n.get("analyses").asInt(), n.get("passed").asInt(), n.get("failures").asInt(),
        n.get("consecutive_errors").asInt(), n.has("warm_until") ? Instant.ofEpochMilli(n.get("warm_until").asLong()) : null);
  }

  private static ObjectNode strategy(Strategy s) {
    ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
    if (s instanceof Strategy.Replace) {
      return n.put("kind", "replace");
    }
    if (s instanceof Strategy.BlueGreen b) {
      n.put("kind", "blue-green").put("interval", b.interval().toString()).put("auto_promote", b.autoPromote())
          .put("keep_warm", b.keepWarm().toString());
      b.prePromotion().ifPresent(a -> n.set("analysis", analysis(a)));
      return n;
    }
    if (s instanceof Strategy.Canary c) {
      n.put("kind", "canary").put("interval", c.interval().toString());
      ArrayNode steps = n.putArray("steps");
      for (CanaryStep step : c.steps()) {
        if (step instanceof CanaryStep.Weight w) {
          steps.addObject().put("weight", w.percent());
        } else {
          ObjectNode p = steps.addObject().put("pause", true);
          ((CanaryStep.Pause) step).duration().ifPresent(d -> p.put("duration", d.toString()));
        }
      }
      n.set("analysis", analysis(c.analysis()));
      c.stickyHeader().ifPresent(h -> n.put("sticky_header", h));
      return n;
    }
    Strategy.Shadow sh = (Strategy.Shadow) s;
    n.put("kind", "shadow").put("percent", sh.percent()).put("intervals", sh.intervals())
        .put("interval", sh.interval().toString()).put("auto_promote", sh.autoPromote());
    n.set("analysis", analysis(sh.analysis()));
    return n;
  }

  private static Strategy strategy(JsonNode n) {
    String kind = n.get("kind").asText();
    return switch (kind) {
      case "replace" -> new Strategy.Replace();
      case "blue-green" -> new Strategy.BlueGreen(Optional.ofNullable(n.get("analysis")).map(RolloutJson::analysis),
          Duration.parse(n.get("interval").asText()), n.get("auto_promote").asBoolean(),
          Duration.parse(n.get("keep_warm").asText()));
      case "canary" -> new Strategy.Canary(steps(n.get("steps")), Duration.parse(n.get("interval").asText()),
          analysis(n.get("analysis")), Optional.ofNullable(n.get("sticky_header")).map(JsonNode::asText));
      case "shadow" -> new Strategy.Shadow(n.get("percent").asInt(), n.get("intervals").asInt(),
          Duration.parse(n.get("interval").asText()), analysis(n.get("analysis")), n.get("auto_promote").asBoolean());
      default -> throw new StoreException("unknown rollout strategy '" + kind + "' in the store (a newer Kiln wrote it?)");
    };
  }

  private static List<CanaryStep> steps(JsonNode steps) {
    List<CanaryStep> out = new ArrayList<>();
    for (JsonNode s : steps) {
      out.add(s.has("weight") ? new CanaryStep.Weight(s.get("weight").asInt())
          : new CanaryStep.Pause(Optional.ofNullable(s.get("duration")).map(d -> Duration.parse(d.asText()))));
    }
    return out;
  }

  private static ObjectNode analysis(AnalysisSpec a) {
    ObjectNode n = CanonicalJson.MAPPER.createObjectNode();
    ObjectNode conditions = n.putObject("rollback_if");
    a.rollbackIf().forEach((k, t) -> conditions.put(k, t.text()));
    return n.put("min_samples", a.minSamples()).put("failure_limit", a.failureLimit())
        .put("consecutive_error_limit", a.consecutiveErrorLimit());
  }

  private static AnalysisSpec analysis(JsonNode n) {
    Map<String, Threshold> conditions = new LinkedHashMap<>();
    n.get("rollback_if").fields().forEachRemaining(e -> conditions.put(e.getKey(), Threshold.parse(e.getValue().asText(),
        false)));
    return new AnalysisSpec(conditions, n.get("min_samples").asLong(), n.get("failure_limit").asInt(),
        n.get("consecutive_error_limit").asInt());
  }
}
