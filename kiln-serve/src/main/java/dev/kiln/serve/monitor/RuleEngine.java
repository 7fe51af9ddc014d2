package dev.kiln.serve.monitor;

import dev.kiln.release.monitor.MonitorWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The monitor's rules as a pure state machine: closed windows in, decisions out. Per rule and
 * version it counts the judged windows in a row the rule held on (an inconclusive window — too
 * few labels, no requests — neither counts nor breaks the row; a clear one breaks it). A rule
 * fires when the row reaches its {@code for:} and it has not fired in the environment within its
 * {@code cool-down} (so a rollback to a version that sees the same drift does not roll back
 * again at once); while it keeps holding past the cool-down it fires again. A rule that fired on
 * a version and then is clear there is resolved. Times come from the {@link Clock}.
 */
public final class RuleEngine {
  private final MonitorConfig config;
  private final Clock clock;
  private final Map<String, Row> rows = new HashMap<>();
  private final Map<String, Instant> lastFired = new HashMap<>();

  private static final class Row {
    final Deque<Evidence.Held> held = new ArrayDeque<>();
    int count;
    boolean fired;
  }

  public RuleEngine(MonitorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public MonitorConfig config() {
    return config;
  }

  /** Judges every rule on one closed window of one version. */
  public synchronized List<Decision> observe(MonitorWindow w) {
    List<Decision> out = new ArrayList<>();
    Instant now = clock.instant();
    for (Rule rule : config.rules()) {
      List<Judgement> js = rule.conditions().stream().map(c -> Judge.judge(c, w)).toList();
      Row row = rows.computeIfAbsent(rule.name() + "|" + w.model() + ":" + w.version(), k -> new Row());
      switch (Judgement.combine(js)) {
        case INCONCLUSIVE -> { }
        case CLEAR -> {
          if (row.fired) {
            out.add(new Decision.Resolve(rule, w.environment(), w.model(), w.version(), now, rule.name()
                + " on v" + w.version() + " holds no longer: " + words(js)));
          }
          rows.remove(rule.name() + "|" + w.model() + ":" + w.version());
        }
        case HOLDS -> {
          row.count++;
          row.held.addLast(new Evidence.Held(w, js));
          while (row.held.size() > rule.forWindows()) {
            row.held.removeFirst();
          }
          Instant last = lastFired.get(rule.name());
          boolean cooling = last != null && now.isBefore(last.plus(rule.coolDown()));
          if (row.count >= rule.forWindows() && !cooling) {
            lastFired.put(rule.name(), now);
            row.fired = true;
            out.add(new Decision.Fire(rule, w.environment(), w.model(), w.version(), now, summary(rule, w, js, row),
                Evidence.json(rule, List.copyOf(row.held))));
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    return out;
  }

  private static String summary(Rule rule, MonitorWindow w, List<Judgement> js, Row row) {
    String held = js.stream().filter(j -> j.outcome() == Judgement.Outcome.HOLDS).map(Judgement::words)
        .collect(Collectors.joining("; "));
    return rule.name() + " on v" + w.version() + ": " + held + (row.count == 1 ? "" : " (held for " + row.count
        + " windows in a row)");
  }

  private static String words(List<Judgement> js) {
    return js.stream().map(Judgement::words).collect(Collectors.joining("; "));
  }
}
