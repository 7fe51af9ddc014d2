package dev.kiln.serve.monitor;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.release.gate.Threshold;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.stats.drift.DriftTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code monitor:} node into a {@link MonitorConfig}, reporting every mistake through
 * the {@link ConfigReader} with its line and column (and the closest valid key for a misspelt
 * one), so the whole file's problems come out in one pass.
 */
final class MonitorConfigReader {
  static final List<String> KEYS = List.of("environment", "window", "window-rows", "rules");
  static final List<String> CONDITIONS = List.of("drift", "prediction-drift", "error-rate", "latency", "accuracy");
  static final List<String> RULE_KEYS = Stream.concat(Stream.of("name", "for", "cool-down", "actions"),
      CONDITIONS.stream()).toList();
  static final List<String> TESTS = Stream.of(DriftTest.values()).map(DriftTest::label).toList();
  static final List<String> DRIFT_KEYS = Stream.concat(TESTS.stream(), Stream.of("features", "share-of-features"))
      .toList();
  static final List<String> LATENCY_KEYS = List.of("p50_ms", "p99_ms");
  static final List<String> METRICS = List.of("accuracy", "auc", "log_loss", "brier", "f1", "precision", "recall",
      "balanced_accuracy", "average_precision", "mae", "mse", "rmse", "r2", "mape");
  static final List<String> ACCURACY_KEYS = Stream.concat(METRICS.stream(), Stream.of("min-labels")).toList();
  static final List<String> ACTIONS = List.of("log", "webhook", "rollback", "retrain");
  static final List<String> WEBHOOK_KEYS = List.of("url", "secret-env", "timeout", "retries", "backoff");
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ConfigReader r;

  MonitorConfigReader(ConfigReader reader) {
    this.r = reader;
  }

  /** The typed section; empty when it has problems (they are reported). */
  Optional<MonitorConfig> read(Node node) {
    int before = r.problems().list().size();
    Optional<MapNode> m = r.asMap(node);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    MapNode map = m.get();
    r.allowOnly(map, KEYS);
    Optional<String> env = r.string(map, "environment");
    if (!map.has("environment")) {
      r.problems().add(map, "monitor needs 'environment': the environment whose gateway judges the rules");
    }
    env.filter(e -> !ModelRef.ALIAS_NAME.matcher(e).matches()).ifPresent(e -> r.problems().add(
        map.get("environment").get(), "invalid environment '" + e + "': use letters, digits, '_' and '-'"));
    Duration window = positive(map, "window").orElse(MonitorConfig.DEFAULT_WINDOW);
    Optional<Long> rows = r.integer(map, "window-rows", 1).map(Integer::longValue);
    List<Rule> rules = rules(map);
    if (r.problems().list().size() > before || env.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MonitorConfig(env.get(), window, rows, rules));
  }

  private List<Rule> rules(MapNode map) {
    List<Rule> rules = new ArrayList<>();
    Optional<Node> node = map.get("rules");
    if (node.isEmpty()) {
      r.problems().add(map, "monitor needs 'rules': a list of rules, each with a name, a condition and actions");
      return rules;
    }
    if (!(node.get() instanceof ListNode list)) {
      r.problems().add(node.get(), "expected a list of rules, found " + node.get().describe());
      return rules;
    }
    Set<String> names = new HashSet<>();
    for (Node item : list.items()) {
      r.asMap(item).flatMap(this::rule).ifPresent(rule -> {
        if (!names.add(rule.name())) {
          r.problems().add(item, "a second rule named '" + rule.name() + "': rule names must be unique");
        }
        rules.add(rule);
      });
    }
    return rules;
  }

  private Optional<Rule> rule(MapNode m) {
    r.allowOnly(m, RULE_KEYS);
    Optional<String> name = r.string(m, "name");
    if (!m.has("name")) {
      r.problems().add(m, "a rule needs 'name'");
    }
    name.filter(n -> !RULE_NAME.matcher(n).matches()).ifPresent(n -> r.problems().add(m.get("name").get(),
        "invalid rule name '" + n + "': use letters, digits, '_', '-' and '.'"));
    List<Condition> conditions = new ArrayList<>();
    r.map(m, "drift").ifPresent(d -> conditions.add(drift(d)));
    r.map(m, "prediction-drift").ifPresent(d -> {
      r.allowOnly(d, TESTS);
      conditions.add(new Condition.PredictionDrift(tests(d)));
    });
    m.get("error-rate").flatMap(n -> threshold(n)).ifPresent(t -> conditions.add(new Condition.ErrorRate(t)));
    r.map(m, "latency").ifPresent(l -> latency(l).ifPresent(conditions::add));
    r.map(m, "accuracy").ifPresent(a -> accuracy(a).ifPresent(conditions::add));
    if (CONDITIONS.stream().noneMatch(m::has)) {
      r.problems().add(m, "rule '" + name.orElse("?") + "' watches nothing: give one of "
          + String.join(", ", CONDITIONS));
    }
    int forWindows = r.integer(m, "for", 1).orElse(1);
    Duration coolDown = duration(m, "cool-down", true).orElse(Rule.DEFAULT_COOL_DOWN);
    List<ActionSpec> actions = actions(m);
    return name.map(n -> new Rule(n, conditions, forWindows, coolDown, actions));
  }

  private Condition drift(MapNode d) {
    r.allowOnly(d, DRIFT_KEYS);
    List<String> features = r.stringList(d, "features");
    Threshold share = d.get("share-of-features").flatMap(this::threshold).orElse(Condition.anyFeature());
    return new Condition.Drift(tests(d), features, share);
  }

  private Map<String, Threshold> tests(MapNode d) {
    Map<String, Threshold> out = new LinkedHashMap<>();
    for (String test : TESTS) {
      d.get(test).flatMap(this::threshold).ifPresent(t -> out.put(test, t));
    }
    return out;
  }

  private Optional<Condition> latency(MapNode l) {
    r.allowOnly(l, LATENCY_KEYS);
    Map<String, Threshold> bounds = new LinkedHashMap<>();
    for (String k : LATENCY_KEYS) {
      l.get(k).flatMap(this::threshold).ifPresent(t -> bounds.put(k, t));
    }
    if (LATENCY_KEYS.stream().noneMatch(l::has)) {
      r.problems().add(l, "latency needs a bound: p50_ms or p99_ms, such as p99_ms: \"> 50\"");
      return Optional.empty();
    }
    return Optional.of(new Condition.Latency(bounds));
  }

  private Optional<Condition> accuracy(MapNode a) {
    r.allowOnly(a, ACCURACY_KEYS);
    Map<String, Threshold> metrics = new LinkedHashMap<>();
    for (String k : METRICS) {
      a.get(k).flatMap(this::threshold).ifPresent(t -> metrics.put(k, t));
    }
    long minLabels = r.integer(a, "min-labels", 1).map(Integer::longValue).orElse(Condition.Accuracy.DEFAULT_MIN_LABELS);
    if (METRICS.stream().noneMatch(a::has)) {
      r.problems().add(a, "accuracy needs a metric bound, such as auc: \"< 0.78\" (metrics: "
          + String.join(", ", METRICS) + ")");
      return Optional.empty();
    }
    return Optional.of(new Condition.Accuracy(metrics, minLabels));
  }

  private List<ActionSpec> actions(MapNode m) {
    Optional<Node> node = m.get("actions");
    if (node.isEmpty()) {
      return List.of(new ActionSpec.Log());
    }
    List<Node> items = node.get() instanceof ListNode l ? l.items() : List.of(node.get());
    List<ActionSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node item : items) {
      action(item).ifPresent(a -> {
        if (!(a instanceof ActionSpec.Webhook) && !seen.add(a.name())) {
          r.problems().add(item, "'" + a.name() + "' is listed twice");
        }
        out.add(a);
      });
    }
    return out;
  }

  private Optional<ActionSpec> action(Node item) {
    if (item instanceof ScalarNode s && s.isString()) {
      String name = (String) s.value();
      return switch (name) {
        case "log" -> Optional.of(new ActionSpec.Log());
        case "rollback" -> Optional.of(new ActionSpec.Rollback());
        case "retrain" -> Optional.of(new ActionSpec.Retrain());
        case "webhook" -> {
          r.problems().add(item, "webhook needs a URL: webhook: http://host/path, or webhook: {url: ..., secret-env: ...}");
          yield Optional.empty();
        }
        default -> {
          r.problems().add(item, "unknown action '" + name + "'" + hint(name));
          yield Optional.empty();
        }
      };
    }
    if (item instanceof MapNode map && map.fields().size() == 1) {
      MapNode.Field f = map.fields().get(0);
      if (!f.key().equals("webhook")) {
        r.problems().add(f.line(), f.column(), Node.child(map.path(), f.key()), ACTIONS.contains(f.key())
            ? "'" + f.key() + "' takes no settings: write it as a plain list item" : "unknown action '" + f.key()
            + "'" + hint(f.key()));
        return Optional.empty();
      }
      return webhook(f.value());
    }
    r.problems().add(item, "expected an action (" + String.join(", ", ACTIONS) + "; webhook: URL), found "
        + item.describe());
    return Optional.empty();
  }

  private Optional<ActionSpec> webhook(Node value) {
    if (value instanceof ScalarNode s && s.isString()) {
      return url(value, (String) s.value()).map(u -> new ActionSpec.Webhook(u, Optional.empty(),
          ActionSpec.Webhook.DEFAULT_TIMEOUT, ActionSpec.Webhook.DEFAULT_RETRIES, ActionSpec.Webhook.DEFAULT_BACKOFF));
    }
    Optional<MapNode> m = r.asMap(value);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    MapNode w = m.get();
    r.allowOnly(w, WEBHOOK_KEYS);
    if (!w.has("url")) {
      r.problems().add(w, "webhook needs 'url'");
    }
    Optional<URI> url = r.string(w, "url").flatMap(u -> url(w.get("url").get(), u));
    Optional<String> secret = r.string(w, "secret-env");
    secret.filter(s -> !ENV_VAR.matcher(s).matches()).ifPresent(s -> r.problems().add(w.get("secret-env").get(),
        "invalid environment variable name '" + s + "'"));
    Duration timeout = positive(w, "timeout").orElse(ActionSpec.Webhook.DEFAULT_TIMEOUT);
    int retries = r.integer(w, "retries", 0).orElse(ActionSpec.Webhook.DEFAULT_RETRIES);
    Duration backoff = positive(w, "backoff").orElse(ActionSpec.Webhook.DEFAULT_BACKOFF);
    return url.map(u -> new ActionSpec.Webhook(u, secret, timeout, retries, backoff));
  }

  private Optional<URI> url(Node at, String text) {
    try {
      URI u = new URI(text);
      if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https"))
          && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    r.problems().add(at, "invalid webhook URL '" + text + "': use http://HOST[:PORT]/PATH or https://...");
    return Optional.empty();
  }

  private Optional<Threshold> threshold(Node n) {
    if (!(n instanceof ScalarNode s) || s.isNull() || s.value() instanceof Boolean) {
      r.problems().add(n, "expected a condition such as \"> 0.2\", found " + n.describe());
      return Optional.empty();
    }
    try {
      return Optional.of(Threshold.parse(s.text(), false));
    } catch (IllegalArgumentException e) {
      r.problems().add(n, e.getMessage() + (s.isNumber() ? " (write the comparison too, quoted: \"> " + s.text()
          + "\")" : ""));
      return Optional.empty();
    }
  }

  private Optional<Duration> positive(MapNode m, String key) {
    return duration(m, key, false);
  }

  private Optional<Duration> duration(MapNode m, String key, boolean zeroAllowed) {
    Optional<Duration> d = r.duration(m, key);
    if (d.isPresent() && (d.get().isNegative() || (!zeroAllowed && d.get().isZero()))) {
      r.problems().add(m.get(key).get(), key + " must be longer than 0");
      return Optional.empty();
    }
    return d;
  }

  private static String hint(String name) {
    String h = dev.kiln.core.config.Suggestions.hint(name, ACTIONS);
    return h.isEmpty() ? " (valid: " + String.join(", ", ACTIONS) + ")" : h;
  }
}
