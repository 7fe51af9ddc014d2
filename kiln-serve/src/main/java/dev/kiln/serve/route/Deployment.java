package dev.kiln.serve.route;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which loaded versions of one model answer its requests, and by what weights: the traffic
 * policy. Immutable; the gateway swaps whole deployments. A request without a version goes to
 * the version its key falls on (weights are shares of the key space, so a fixed key, such as a
 * hash of a user id, always reaches the same version); a request naming a version goes to it.
 */
public record Deployment(String model, List<Route> routes) {

  /** One version and its share of the traffic. */
  public record Route(ServedVersion version, int weight) {
    public Route {
      if (weight < 0) {
        throw new IllegalArgumentException("a weight cannot be negative: " + version + " has " + weight);
      }
    }
  }

  public Deployment {
    routes = List.copyOf(routes);
    if (routes.isEmpty() || routes.stream().mapToLong(Route::weight).sum() <= 0) {
      throw new IllegalArgumentException("a deployment of " + model + " needs a version with a positive weight");
    }
    Set<Integer> seen = new HashSet<>();
    for (Route r : routes) {
      if (!r.version().model().equals(model)) {
        throw new IllegalArgumentException(r.version() + " is not a version of " + model);
      }
      if (!seen.add(r.version().version())) {
        throw new IllegalArgumentException(r.version() + " is routed twice");
      }
    }
  }

  /** All traffic to one version. */
  public static Deployment single(ServedVersion v) {
    return new Deployment(v.model(), List.of(new Route(v, 100)));
  }

  /** The version a request with this key goes to. */
  public ServedVersion pick(long key) {
    long total = routes.stream().mapToLong(Route::weight).sum();
    long at = Math.floorMod(key, total);
    for (Route r : routes) {
      at -= r.weight();
      if (at < 0) {
        return r.version();
      }
    }
    throw new IllegalStateException("unreachable: weights sum to " + total);
  }

  public Optional<ServedVersion> version(int number) {
    return routes.stream().map(Route::version).filter(v -> v.version() == number).findFirst();
  }

  public List<ServedVersion> versions() {
    return routes.stream().map(Route::version).toList();
  }
}
