package dev.kiln.release.environment;

import java.util.List;
import java.util.Optional;

/**
 * The environments port: for each environment its {@link Deployment} (desired state) and an
 * append-only history of every change. The metadata store implements it; applying a change is
 * one transaction that also moves the registry alias named like the environment to the stable
 * version, so {@code credit-risk@production} is always what production serves.
 */
public interface Environments {

  Optional<Deployment> find(String environment);

  /** Every environment, by name. */
  List<Deployment> all();

  /**
   * Applies a change: compare-and-set on the revision ({@link EnvironmentConflictException} when
   * it moved meanwhile), the alias move, and a history entry per event, together.
   */
  Deployment apply(DeploymentChange change);

  /** Newest first. */
  List<EnvironmentEvent> history(String environment, int limit);
}
