package dev.kiln.core.trigger;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.load.Section;
import dev.kiln.core.path.ProjectPaths;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads kiln.yaml's {@code on:} into {@link Triggers}, reporting every bad key and value with its
 * line and column: unknown keys, bad glob patterns, {@code paths} together with {@code paths-ignore},
 * invalid cron expressions and unknown time zones. Also written {@code on: push} or
 * {@code on: [push, manual]}, as GitHub Actions allows.
 */
public final class OnSection implements Section {
  public static final String KEY = "on";
  static final List<String> KEYS = List.of("push", "schedule", "data", "manual", "monitor");
  private static final List<String> PUSH_KEYS = List.of("branches", "branches-ignore", "paths", "paths-ignore");

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public void check(Node node, ConfigReader reader) {
    parse(node, reader);
  }

  /** The typed section; problems go to {@code reader}, and the parts with problems are left out. */
  public static Triggers parse(Node node, ConfigReader r) {
    if (node instanceof ScalarNode s && s.isString() && !s.text().isEmpty() || node instanceof ListNode) {
      return names(node, r);
    }
    Optional<MapNode> maybe = r.asMap(node);
    if (maybe.isEmpty()) {
      return Triggers.NONE;
    }
    MapNode m = maybe.get();
    r.allowOnly(m, KEYS);
    return new Triggers(
        m.get("push").flatMap(n -> push(n, r)),
        m.get("schedule").map(n -> schedules(n, r)).orElse(List.of()),
        m.get("data").flatMap(n -> data(n, r)),
        m.get("manual").map(n -> flag(n, r)).orElse(false),
        m.get("monitor").map(n -> monitor(n, r)).orElse(MonitorFilter.NONE));
  }

  /** {@code on: push} or {@code on: [push, manual]}: the kinds without settings. */
  private static Triggers names(Node node, ConfigReader r) {
    Optional<PushFilter> push = Optional.empty();
    boolean manual = false;
    MonitorFilter monitor = MonitorFilter.NONE;
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    for (Node item : items) {
      Optional<String> name = r.asString(item);
      if (name.isEmpty()) {
        continue;
      }
      switch (name.get()) {
        case "push" -> push = Optional.of(PushFilter.ALL);
        case "manual" -> manual = true;
        case "monitor" -> monitor = new MonitorFilter(true, List.of());
        case "schedule", "data" -> r.problems().add(item, "'" + name.get() + "' needs settings: write it as a key "
            + "(" + (name.get().equals("schedule") ? "schedule: \"0 3 * * *\"" : "data: [data/train.csv]") + ")");
        default -> r.problems().add(item, "unknown trigger '" + name.get() + "'"
            + dev.kiln.core.config.Suggestions.hint(name.get(), KEYS)
            + (dev.kiln.core.config.Suggestions.hint(name.get(), KEYS).isEmpty() ? " (valid: " + String.join(", ", KEYS)
            + ")" : ""));
      }
    }
    return new Triggers(push, List.of(), Optional.empty(), manual, monitor);
  }

  private static Optional<PushFilter> push(Node node, ConfigReader r) {
    if (nothing(node)) {
      return Optional.of(PushFilter.ALL);
    }
    Optional<MapNode> maybe = r.asMap(node);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    MapNode m = maybe.get();
    r.allowOnly(m, PUSH_KEYS);
    Optional<GlobFilter> branches = exclusive(m, "branches", "branches-ignore", r);
    Optional<GlobFilter> paths = exclusive(m, "paths", "paths-ignore", r);
    return Optional.of(new PushFilter(branches, !m.has("branches") && m.has("branches-ignore"), paths,
        !m.has("paths") && m.has("paths-ignore")));
  }

  /** One of {@code key} and {@code key-ignore}; both at once is GitHub's error too. */
  private static Optional<GlobFilter> exclusive(MapNode m, String key, String ignoreKey, ConfigReader r) {
    if (m.has(key) && m.has(ignoreKey)) {
      r.problems().add(m.get(ignoreKey).get(), "use either '" + key + "' or '" + ignoreKey + "', not both: to "
          + "exclude inside '" + key + "', add patterns starting with '!'");
      return Optional.empty();
    }
    String used = m.has(key) ? key : ignoreKey;
    return m.get(used).flatMap(n -> globs(n, r));
  }

  private static Optional<GlobFilter> globs(Node node, ConfigReader r) {
    List<String> patterns = new ArrayList<>();
    boolean ok = true;
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    if (items.isEmpty()) {
      r.problems().add(node, "expected at least one pattern");
      return Optional.empty();
    }
    for (Node item : items) {
      Optional<String> p = r.asString(item);
      if (p.isEmpty()) {
        ok = false;
        continue;
      }
      try {
        GlobFilter.check(p.get());
        patterns.add(p.get());
      } catch (IllegalArgumentException e) {
        r.problems().add(item, "bad pattern '" + p.get() + "': " + e.getMessage());
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    try {
      return Optional.of(GlobFilter.of(patterns));
    } catch (IllegalArgumentException e) {
      r.problems().add(node, e.getMessage());
      return Optional.empty();
    }
  }

  private static List<Schedule> schedules(Node node, ConfigReader r) {
    List<Schedule> out = new ArrayList<>();
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    if (items.isEmpty()) {
      r.problems().add(node, "expected a cron expression or a list of them");
    }
    for (Node item : items) {
      schedule(item, r).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Schedule> schedule(Node item, ConfigReader r) {
    Node cronNode = item;
    ZoneId zone = ZoneOffset.UTC;
    if (item instanceof MapNode m) {
      r.allowOnly(m, List.of("cron", "timezone"));
      if (!m.has("cron")) {
        r.problems().add(m, "missing 'cron' (a cron expression such as \"0 3 * * 1\")");
        return Optional.empty();
      }
      cronNode = m.get("cron").get();
      Optional<Node> tz = m.get("timezone");
      if (tz.isPresent()) {
        Optional<ZoneId> z = zone(tz.get(), r);
        if (z.isEmpty()) {
          return Optional.empty();
        }
        zone = z.get();
      }
    } else if (!(item instanceof ScalarNode s && s.isString())) {
      r.problems().add(item, "expected a cron expression such as \"0 3 * * 1\" or {cron: ..., timezone: ...}, found "
          + item.describe());
      return Optional.empty();
    }
    Optional<String> cron = r.asString(cronNode);
    if (cron.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Schedule.of(cron.get(), zone));
    } catch (IllegalArgumentException e) {
      r.problems().add(cronNode, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<ZoneId> zone(Node node, ConfigReader r) {
    Optional<String> name = r.asString(node);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(name.get()));
    } catch (DateTimeException e) {
      r.problems().add(node, "unknown time zone '" + name.get() + "': use a name of the tz database such as "
          + "Europe/Paris, America/New_York or UTC");
      return Optional.empty();
    }
  }

  private static Optional<DataWatch> data(Node node, ConfigReader r) {
    Node pathsNode = node;
    Optional<Duration> interval = Optional.empty();
    if (node instanceof MapNode m) {
      r.allowOnly(m, List.of("paths", "interval"));
      if (!m.has("paths")) {
        r.problems().add(m, "missing 'paths' (the files, directories or globs to watch)");
        return Optional.empty();
      }
      pathsNode = m.get("paths").get();
      interval = r.duration(m, "interval");
      if (interval.isPresent() && interval.get().isZero()) {
        r.problems().add(m.get("interval").get(), "must be longer than 0");
        interval = Optional.empty();
      }
    }
    List<String> paths = new ArrayList<>();
    List<Node> items = pathsNode instanceof ListNode l ? l.items() : List.of(pathsNode);
    if (items.isEmpty()) {
      r.problems().add(pathsNode, "expected at least one path");
    }
    for (Node item : items) {
      Optional<String> p = r.asString(item);
      if (p.isEmpty()) {
        continue;
      }
      String n = ProjectPaths.normalize(p.get());
      if (p.get().isBlank() || ProjectPaths.leavesProject(n)) {
        r.problems().add(item, "'" + p.get() + "' is not a path inside the project");
      } else {
        paths.add(n);
      }
    }
    return paths.isEmpty() ? Optional.empty() : Optional.of(new DataWatch(paths, interval));
  }

  /** A key written with no value ({@code manual:}), which YAML reads as null or as an empty string. */
  private static boolean nothing(Node node) {
    return node instanceof ScalarNode s && (s.isNull() || s.isString() && s.text().isEmpty());
  }

  private static boolean flag(Node node, ConfigReader r) {
    if (nothing(node)) {
      return true;
    }
    if (node instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return b;
    }
    if (node instanceof MapNode m && m.fields().isEmpty()) {
      return true;
    }
    r.problems().add(node, "expected true, false or nothing, found " + node.describe());
    return false;
  }

  private static MonitorFilter monitor(Node node, ConfigReader r) {
    if (nothing(node)) {
      return new MonitorFilter(true, List.of());
    }
    if (node instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return b ? new MonitorFilter(true, List.of()) : MonitorFilter.NONE;
    }
    if (!(node instanceof ListNode) && !(node instanceof ScalarNode s2 && s2.isString())) {
      r.problems().add(node, "expected true, a rule name or a list of rule names, found " + node.describe());
      return MonitorFilter.NONE;
    }
    List<String> rules = r.stringList(node);
    if (rules.isEmpty() && node instanceof ListNode) {
      r.problems().add(node, "expected at least one rule name (or true for every rule)");
    }
    return new MonitorFilter(false, rules);
  }
}
