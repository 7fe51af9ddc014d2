package dev.kiln.serve.route;

import dev.kiln.serve.input.ClientError;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Routes each request to a loaded version through the current {@link RoutingTable}, and swaps
 * tables atomically. A request reads the table once, without a lock, and leases its version; a
 * swap publishes the new table and retires the versions it no longer holds, which close when
 * their last request is done. So no request fails or waits during a swap: it is answered by the
 * table it read, or — if it read the old one just as its version retired — by the new one.
 */
public final class Router {
  private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);

  public RoutingTable table() {
    return table.get();
  }

  /** The version to answer a request for {@code model} (a given version, or the policy's pick for {@code key}). */
  public Lease lease(String model, OptionalInt version, long key) {
    while (true) {
      RoutingTable t = table.get();
      Deployment d = t.deployment(model).orElseThrow(() -> unknown(model, t));
      ServedVersion v = version.isPresent() ? d.version(version.getAsInt()).orElseThrow(() -> ClientError.notFound(
          "model '" + model + "' has no version " + version.getAsInt() + " loaded; loaded: " + numbers(d)))
          : d.pick(key);
      if (v.acquire()) {
        return new Lease(v);
      }
    }
  }

  private static ClientError unknown(String model, RoutingTable t) {
    return ClientError.notFound("no model '" + model + "' is served here"
        + (t.models().isEmpty() ? "" : "; this gateway serves " + String.join(", ", t.models().keySet())));
  }

  /** Makes {@code d} its model's deployment; returns the versions it retired. */
  public synchronized List<ServedVersion> deploy(Deployment d) {
    RoutingTable old = table.get();
    table.set(old.with(d));
    List<ServedVersion> gone = old.deployment(d.model()).map(Deployment::versions).orElse(List.of()).stream()
        .filter(v -> !d.versions().contains(v)).toList();
    gone.forEach(ServedVersion::retire);
    return gone;
  }

  /** Retires every version (at shutdown, after draining). */
  public synchronized void retireAll() {
    RoutingTable old = table.getAndSet(RoutingTable.EMPTY);
    old.models().values().forEach(d -> d.versions().forEach(ServedVersion::retire));
  }

  private static String numbers(Deployment d) {
    return String.join(", ", d.versions().stream().map(v -> Integer.toString(v.version())).toList());
  }
}
