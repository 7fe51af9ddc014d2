package dev.kiln.serve.route;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every model the gateway serves, by name, with its {@link Deployment}. Immutable. */
public record RoutingTable(Map<String, Deployment> models) {
  public static final RoutingTable EMPTY = new RoutingTable(Map.of());

  public RoutingTable {
    models = java.util.Collections.unmodifiableMap(new TreeMap<>(models));
  }

  public Optional<Deployment> deployment(String model) {
    return Optional.ofNullable(models.get(model));
  }

  /** This table with {@code d} replacing its model's deployment. */
  public RoutingTable with(Deployment d) {
    Map<String, Deployment> m = new TreeMap<>(models);
    m.put(d.model(), d);
    return new RoutingTable(m);
  }
}
