package dev.kiln.serve;

import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.MonitorWindows;
import dev.kiln.serve.monitor.Monitor;
import dev.kiln.serve.monitor.MonitorConfig;
import dev.kiln.serve.monitor.WindowAssembler;
import dev.kiln.serve.route.ServedVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The monitor running inside the gateway of an environment: the gateway's closed drift windows,
 * live accuracy and traffic figures are put together per serving version ({@link WindowAssembler}),
 * each window is recorded ({@link MonitorWindows}, for {@code kiln monitor report}) and judged
 * by the {@code monitor:} rules, whose actions run — all on a thread of its own, so serving never
 * waits for a rule, a store write or a rollback.
 */
public final class EnvironmentMonitor implements AutoCloseable {
  private final Gateway gateway;
  private final String model;
  private final Monitor monitor;
  private final MonitorWindows records;
  private final Consumer<String> log;
  private final WindowAssembler assembler;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kiln-monitor");
    t.setDaemon(true);
    return t;
  });

  private EnvironmentMonitor(Gateway gateway, String model, MonitorConfig config, Monitor.Services services,
      MonitorWindows records, Clock clock) {
    this.gateway = gateway;
    this.model = model;
    this.monitor = new Monitor(config, services);
    this.records = records;
    this.log = services.log();
    this.assembler = new WindowAssembler(config.environment(), model, gateway.monitorWindows(), config.window(), clock,
        v -> gateway.drift().flatMap(d -> d.cells(model, v)).isPresent(), this::closed);
  }

  /** Starts judging {@code config}'s rules on the windows of {@code model} this gateway serves. */
  public static EnvironmentMonitor start(Gateway gateway, String model, MonitorConfig config,
      Monitor.Services services, MonitorWindows records, Clock clock) {
    EnvironmentMonitor m = new EnvironmentMonitor(gateway, model, config, services, records, clock);
    gateway.drift().ifPresent(d -> d.addListener(m.assembler::drift));
    gateway.feedback().listen(w -> m.accuracy(w.model(), w.version(), w.labels(), w.metrics()));
    long every = Math.max(50, Math.min(1000, config.window().toMillis() / 4));
    m.thread.scheduleWithFixedDelay(m::tick, every, every, TimeUnit.MILLISECONDS);
    return m;
  }

  /** Live accuracy of a closed labels window (the gateway's feedback hands each one here). */
  public void accuracy(String model, int version, long labels, Map<String, Double> metrics) {
    assembler.accuracy(model, version, labels, metrics);
  }

  private void tick() {
    try {
      List<Integer> serving = gateway.router().table().deployment(model)
          .map(d -> d.versions().stream().map(ServedVersion::version).toList()).orElse(List.of());
      assembler.tick(serving);
    } catch (RuntimeException e) {
      log.accept("monitor: " + dev.kiln.core.Failures.describe(e));
    }
  }

  private void closed(MonitorWindow w) {
    thread.execute(() -> {
      try {
        records.record(w);
      } catch (RuntimeException e) {
        log.accept("monitor: could not record the window of " + w.model() + ":" + w.version() + ": "
            + dev.kiln.core.Failures.describe(e));
      }
      try {
        monitor.observe(w);
      } catch (RuntimeException e) {
        log.accept("monitor: " + dev.kiln.core.Failures.describe(e));
      }
    });
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.shutdownNow();
    monitor.close();
  }
}
