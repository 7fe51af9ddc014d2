package dev.kiln.serve;

import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.serve.route.LoadRefusedException;
import dev.kiln.serve.route.ServedVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves what the store says an environment runs — for now the version behind the registry
 * alias of the environment's name ({@code MODEL@ENV}) — and follows it: every {@code interval}
 * it reads the alias (one indexed read through the {@link ModelRegistry} port) and, when it
 * moved, bundles, verifies, loads and warms up the new version and swaps it in without a
 * restart. A version that is refused is logged and not tried again until the alias moves to
 * another; the serving version goes on serving meanwhile.
 */
public final class EnvironmentFollower implements AutoCloseable {
  private final ModelRegistry registry;
  private final ModelRef alias;
  private final VersionBundles bundles;
  private final Gateway gateway;
  private final Consumer<String> log;
  private final Set<Integer> refused = new HashSet<>();
  private ScheduledExecutorService timer;

  public EnvironmentFollower(ModelRegistry registry, String model, String environment, VersionBundles bundles,
      Gateway gateway, Consumer<String> log) {
    this.registry = registry;
    this.alias = ModelRef.parse(model + "@" + environment);
    this.bundles = bundles;
    this.gateway = gateway;
    this.log = log;
  }

  public ModelRef alias() {
    return alias;
  }

  /**
   * Reads the alias once and swaps in the version behind it if that is new; returns the version
   * swapped in (empty when nothing changed or the new version was refused). Throws when the alias
   * cannot be read or its version is refused and nothing is serving yet (at start); later such
   * problems are logged and the serving version stays.
   */
  public synchronized Optional<ServedVersion> check() throws LoadRefusedException {
    Optional<ServedVersion> serving = gateway.serving(alias.model());
    ModelVersion v;
    try {
      v = registry.resolve(alias);
    } catch (RegistryException e) {
      if (serving.isEmpty()) {
        throw e;
      }
      log.accept("cannot read " + alias + " (" + e.getMessage() + "); still serving " + serving.get());
      return Optional.empty();
    }
    if (serving.map(s -> s.version() == v.version()).orElse(false) || refused.contains(v.version())) {
      return Optional.empty();
    }
    return swapTo(v, serving);
  }

  private Optional<ServedVersion> swapTo(ModelVersion v, Optional<ServedVersion> serving) throws LoadRefusedException {
    serving.ifPresent(s -> log.accept(alias + " moved to v" + v.version() + " (serving " + s + "): loading it"));
    try {
      return Optional.of(gateway.deploy(bundles.bundle(v)));
    } catch (LoadRefusedException | IOException | RuntimeException e) {
      refused.add(v.version());
      String why = e.getMessage();
      if (serving.isEmpty()) {
        throw e instanceof LoadRefusedException l ? l : new LoadRefusedException(v.ref() + ": " + why, e);
      }
      log.accept("refused " + v.ref() + ": " + why + "; still serving " + serving.get());
      return Optional.empty();
    }
  }

  /** Checks every {@code interval} on a thread of its own, until closed. */
  public void follow(Duration interval) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kiln-follow-" + alias);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkQuietly() {
    try {
      check();
    } catch (LoadRefusedException | RuntimeException e) {
      log.accept("checking " + alias + " failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
