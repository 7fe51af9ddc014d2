package dev.kiln.serve.monitor;

import dev.kiln.core.runs.RunQueue;

/**
 * {@code retrain}: asks for a run of the project's pipeline with the trigger
 * {@code monitor:RULE} and the alert's summary as its cause; {@code kiln watch} starts it (a
 * request already waiting for the pipeline takes the cause on instead of queueing a second run).
 */
final class RetrainAction implements MonitorAction {
  private final RunQueue queue;
  private final String pipeline;

  RetrainAction(RunQueue queue, String pipeline) {
    this.queue = queue;
    this.pipeline = pipeline;
  }

  @Override
  public String name() {
    return "retrain";
  }

  @Override
  public void run(Alarm a, Done done) {
    long id = queue.request(pipeline, "monitor:" + a.rule(), "alert " + a.alertId() + ": " + a.summary(), a.at());
    done.report("ok", "queued run request " + id + " of " + pipeline + " (trigger monitor:" + a.rule()
        + "; kiln watch starts it)");
  }
}
