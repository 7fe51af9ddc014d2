package dev.kiln.serve.monitor;

import java.util.function.Consumer;

/** {@code log}: one line in the gateway's log. */
final class LogAction implements MonitorAction {
  private final Consumer<String> log;

  LogAction(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void run(Alarm a, Done done) {
    log.accept("alert " + a.alertId() + ": " + a.environment() + " (" + a.model() + ":" + a.version() + "): "
        + a.summary());
    done.report("ok", "logged");
  }
}
