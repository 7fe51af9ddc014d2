package dev.kiln.cli;

import dev.kiln.release.environment.Deployment;
import dev.kiln.store.MetadataStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which environments the monitor commands accept: those deployed to, and those a gateway
 * recorded windows or alerts for. A name that is neither is a mistake (exit 2), named with the
 * known ones, instead of an empty report.
 */
final class MonitorEnvironments {
  private MonitorEnvironments() {}

  static void require(MetadataStore store, String env) {
    if (store.environments().find(env).isPresent() || store.monitorWindows().any(env)
        || !store.alerts().list(Optional.of(env), Instant.EPOCH).isEmpty()) {
      return;
    }
    List<String> known = store.environments().all().stream().map(Deployment::environment).toList();
    throw new UsageException("unknown environment '" + env + "': no deployment, monitor window or alert names it ("
        + (known.isEmpty() ? "nothing is deployed yet" : "deployed: " + String.join(", ", known)) + ")");
  }
}
