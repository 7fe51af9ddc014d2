package dev.kiln.serve;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.Environments;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.rollout.Routing;
import dev.kiln.serve.route.Deployment.Mirror;
import dev.kiln.serve.route.Deployment.Route;
import dev.kiln.serve.route.LoadRefusedException;
import dev.kiln.serve.route.ServedVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes a gateway route an environment the way the store says: the {@link Routing} of the
 * environment's {@link Deployment} (stable and candidate by weight, a preview or warm version
 * loaded at weight 0, a mirror), or, for an environment nothing was deployed to yet, the version
 * behind the registry alias of its name. Versions it does not hold yet are bundled, verified,
 * loaded and warmed up beside the serving ones before one atomic swap of the whole policy; a
 * version that is refused is remembered with its reason (and not tried again) while the rest
 * keeps serving, so the rollout controller can abort a candidate that does not load.
 */
public final class DeploymentFollower {
  private final Environments environments;
  private final ModelRegistry registry;
  private final String model;
  private final String environment;
  private final VersionBundles bundles;
  private final Gateway gateway;
  private final Consumer<String> log;
  private final Map<Integer, String> refused = new HashMap<>();
  private Routing applied;

  public DeploymentFollower(Environments environments, ModelRegistry registry, String model, String environment,
      VersionBundles bundles, Gateway gateway, Consumer<String> log) {
    this.environments = environments;
    this.registry = registry;
    this.model = model;
    this.environment = environment;
    this.bundles = bundles;
    this.gateway = gateway;
    this.log = log;
  }

  public String environment() {
    return environment;
  }

  public String model() {
    return model;
  }

  /** The environment's deployment as the store has it now (empty: nothing deployed yet). */
  public Optional<Deployment> deployment() {
    return environments.find(environment).filter(d -> d.model().equals(model));
  }

  /** A version of the model this gateway holds loaded now. */
  public Optional<ServedVersion> loaded(int version) {
    return gateway.router().table().deployment(model).flatMap(d -> d.version(version));
  }

  /** Why a version was refused, if it was. */
  public Optional<String> refusal(int version) {
    return Optional.ofNullable(refused.get(version));
  }

  /**
   * Reads the store once and applies what it says if that changed. Throws when nothing serves
   * yet and the stable version cannot be loaded (at start); later problems are logged and the
   * serving versions stay.
   */
  public synchronized void check() throws LoadRefusedException {
    Routing routing = deployment().map(Deployment::routing)
        .orElseGet(() -> Routing.only(registry.resolve(ModelRef.parse(model + "@" + environment)).version()));
    if (routing.equals(applied)) {
      return;
    }
    Optional<dev.kiln.serve.route.Deployment> serving = gateway.router().table().deployment(model);
    serving.ifPresent(d -> log.accept(model + "@" + environment + " moved to " + routing.describe() + " (serving "
        + d.describe() + "): applying it"));
    Map<Integer, ServedVersion> loaded = loadedNow();
    ServedVersion stable = version(routing.stable(), loaded);
    if (stable == null) {
      if (gateway.serving(model).isEmpty()) {
        throw new LoadRefusedException(model + ":" + routing.stable() + ": " + refused.get(routing.stable()), null);
      }
      return;
    }
    List<Route> routes = new ArrayList<>();
    ServedVersion candidate = routing.candidate().map(v -> version(v, loaded)).orElse(null);
    int weight = candidate == null ? 0 : routing.candidateWeight();
    routes.add(new Route(stable, 100 - weight));
    if (candidate != null) {
      routes.add(new Route(candidate, weight));
    }
    for (Optional<Integer> idle : List.of(routing.preview(), routing.warm())) {
      idle.filter(v -> routes.stream().noneMatch(r -> r.version().version() == v)).map(v -> version(v, loaded))
          .ifPresent(v -> routes.add(new Route(v, 0)));
    }
    Optional<Mirror> mirror = routing.mirror().map(v -> version(v, loaded)).map(v -> new Mirror(v,
        routing.mirrorPercent()));
    Optional<String> sticky = deployment().flatMap(Deployment::rollout).map(r -> r.strategy())
        .filter(st -> st instanceof dev.kiln.release.rollout.Strategy.Canary)
        .flatMap(st -> ((dev.kiln.release.rollout.Strategy.Canary) st).stickyHeader());
    gateway.route(new dev.kiln.serve.route.Deployment(model, routes, mirror, sticky));
    applied = routing;
  }

  private Map<Integer, ServedVersion> loadedNow() {
    Map<Integer, ServedVersion> m = new HashMap<>();
    gateway.router().table().deployment(model).ifPresent(d -> d.versions().forEach(v -> m.put(v.version(), v)));
    return m;
  }

  /** A loaded version, loading it if needed; null when it is refused. */
  private ServedVersion version(int number, Map<Integer, ServedVersion> loaded) {
    ServedVersion have = loaded.get(number);
    if (have != null || refused.containsKey(number)) {
      return have;
    }
    try {
      ServedVersion v = gateway.load(bundles.bundle(registry.resolve(ModelRef.version(model, number))));
      loaded.put(number, v);
      return v;
    } catch (LoadRefusedException | IOException | RuntimeException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.toString();
      refused.put(number, why);
      log.accept("refused " + model + ":" + number + ": " + why + gateway.router().table().deployment(model)
          .map(d -> "; still serving " + d.describe()).orElse(""));
      return null;
    }
  }
}
