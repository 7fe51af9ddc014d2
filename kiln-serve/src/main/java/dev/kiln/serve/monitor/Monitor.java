package dev.kiln.serve.monitor;

import dev.kiln.core.runs.RunQueue;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.monitor.Alerts;
import dev.kiln.release.monitor.MonitorWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The monitor of one environment: each closed {@link MonitorWindow} goes through the
 * {@link RuleEngine}; a rule that fires is recorded as an alert ({@link Alerts#raise}) with its
 * summary and evidence before its actions run in order, and what each action did is recorded
 * on the alert as it finishes. A fired rule that holds no longer on its version is recorded on
 * its alert as the action {@code resolved}, so {@code kiln alerts} shows when it ended.
 */
public final class Monitor implements AutoCloseable {
  private final RuleEngine engine;
  private final Services services;
  private final Webhooks webhooks = new Webhooks();
  private final Map<String, List<MonitorAction>> actions = new HashMap<>();
  private final Map<String, Long> open = new HashMap<>();

  /**
   * What the actions act on: where alerts are recorded, the deploy machinery (rollback), the run
   * queue and the project's pipeline name (retrain), the process environment (webhook secrets),
   * the gateway's log, and the clock.
   */
  public record Services(Alerts alerts, Deployer deployer, Environments environments, RunQueue runQueue,
      String pipeline, Function<String, String> env, Consumer<String> log, Clock clock) {}

  public Monitor(MonitorConfig config, Services services) {
    this.engine = new RuleEngine(config, services.clock());
    this.services = services;
    for (Rule r : config.rules()) {
      List<MonitorAction> list = new ArrayList<>();
      r.actions().forEach(a -> list.add(action(a)));
      actions.put(r.name(), list);
    }
  }

  private MonitorAction action(ActionSpec a) {
    if (a instanceof ActionSpec.Webhook w) {
      return new WebhookAction(w, webhooks, services.env());
    }
    if (a instanceof ActionSpec.Rollback) {
      return new RollbackAction(services.deployer(), services.environments());
    }
    if (a instanceof ActionSpec.Retrain) {
      return new RetrainAction(services.runQueue(), services.pipeline());
    }
    return new LogAction(services.log());
  }

  public MonitorConfig config() {
    return engine.config();
  }

  /** Judges one closed window and carries out what the rules decide. */
  public synchronized void observe(MonitorWindow w) {
    for (Decision d : engine.observe(w)) {
      String key = d.rule().name() + "|" + d.model() + ":" + d.version();
      if (d instanceof Decision.Fire f) {
        fire(f, key);
      } else {
        Long id = open.remove(key);
        services.log().accept("resolved: " + d.summary());
        if (id != null) {
          services.alerts().action(id, "resolved", "ok", d.summary(), d.at());
        }
      }
    }
  }

  private void fire(Decision.Fire f, String key) {
    long id = services.alerts().raise(f.environment(), f.rule().name(), f.model(), f.version(), f.at(), f.summary(),
        f.evidenceJson());
    open.put(key, id);
    Alarm alarm = new Alarm(id, f.environment(), f.model(), f.version(), f.rule().name(), f.at(), f.summary(),
        f.evidenceJson());
    for (MonitorAction a : actions.get(f.rule().name())) {
      MonitorAction.Done done = (status, detail) -> {
        services.alerts().action(id, a.name(), status, detail, services.clock().instant());
        if (!a.name().equals("log")) {
          services.log().accept("alert " + id + " " + a.name() + ": " + status + ": " + detail);
        }
      };
      try {
        a.run(alarm, done);
      } catch (RuntimeException e) {
        done.report("failed", dev.kiln.core.Failures.describe(e));
      }
    }
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
