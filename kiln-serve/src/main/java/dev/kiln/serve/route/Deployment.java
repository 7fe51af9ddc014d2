package dev.kiln.serve.route;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which loaded versions of one model answer its requests, and by what weights: the traffic
 * policy. Immutable; the gateway swaps whole deployments. A request without a version goes to
 * the version its key falls on (weights are shares of the key space, so a fixed key, such as a
 * hash of a user id, always reaches the same version); a request naming a version goes to it,
 * also one with weight 0 (a blue-green preview, a version kept warm for a rollback). A
 * {@link Mirror} gets a copy of a share of the requests, whose answers are discarded (a shadow).
 * With a {@code stickyHeader}, a request carrying that header is routed by a hash of its value,
 * so one caller keeps seeing one version while the weights stay.
 */
public record Deployment(String model, List<Route> routes, Optional<Mirror> mirror, Optional<String> stickyHeader) {

  /** One version and its share of the traffic. */
  public record Route(ServedVersion version, int weight) {
    public Route {
      if (weight < 0) {
        throw new IllegalArgumentException("a weight cannot be negative: " + version + " has " + weight);
      }
    }
  }

  /** A version that answers a copy of {@code percent} percent of the requests, unseen by clients. */
  public record Mirror(ServedVersion version, int percent) {
    public Mirror {
      if (percent < 1 || percent > 100) {
        throw new IllegalArgumentException("a mirror takes 1 to 100 percent, not " + percent);
      }
    }
  }

  public Deployment(String model, List<Route> routes) {
    this(model, routes, Optional.empty(), Optional.empty());
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
    if (mirror.isPresent() && (!mirror.get().version().model().equals(model) || seen.contains(mirror.get().version()
        .version()))) {
      throw new IllegalArgumentException("the mirror " + mirror.get().version() + " must be another version of " + model);
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
    return versions().stream().filter(v -> v.version() == number).findFirst();
  }

  /** Every version this deployment holds loaded: the routed ones, then the mirror. */
  public List<ServedVersion> versions() {
    List<ServedVersion> all = new java.util.ArrayList<>(routes.stream().map(Route::version).toList());
    mirror.ifPresent(m -> all.add(m.version()));
    return List.copyOf(all);
  }

  /** In words: "credit:1 90%, credit:2 10%, mirror credit:3 25%". */
  public String describe() {
    List<String> parts = new java.util.ArrayList<>(routes.stream().map(r -> r.version() + " " + r.weight() + "%")
        .toList());
    mirror.ifPresent(m -> parts.add("mirror " + m.version() + " " + m.percent() + "%"));
    return String.join(", ", parts);
  }
}
