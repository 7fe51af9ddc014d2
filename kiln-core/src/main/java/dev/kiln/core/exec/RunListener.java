package dev.kiln.core.exec;

/** Receives {@link RunEvent}s; called from several threads, so implementations synchronise. */
@FunctionalInterface
public interface RunListener {
  void on(RunEvent event);

  RunListener NONE = e -> {};
}
