package dev.kiln.store;

import dev.kiln.core.hash.HashCache;
import dev.kiln.core.history.RunHistory;
import java.nio.file.Path;

/**
 * The metadata store: one database (SQLite file by default, PostgreSQL for teams) behind typed
 * parts — run history, the hash cache, the registry, approvals, environments, controller leases,
 * monitor windows and alerts. Open with {@link #open(String, Path)}; the schema is migrated on first use.
 */
public final class MetadataStore implements AutoCloseable {
  private final Database db;
  private final JdbcRunHistory runs;
  private final JdbcHashCache hashes;
  private final JdbcRegistry registry;
  private final JdbcApprovals approvals;
  private final JdbcEnvironments environments;
  private final JdbcControllerLeases leases;
  private final JdbcRunQueue queue;
  private final JdbcTriggerState triggerState;
  private final JdbcMonitorWindows monitorWindows;
  private final JdbcAlerts alerts;

  private MetadataStore(Database db, Path projectDir) {
    this.db = db;
    this.runs = new JdbcRunHistory(db);
    this.hashes = new JdbcHashCache(db, projectDir.toAbsolutePath().normalize().toString());
    this.registry = new JdbcRegistry(db);
    this.approvals = new JdbcApprovals(db);
    this.environments = new JdbcEnvironments(db, registry);
    this.leases = new JdbcControllerLeases(db);
    this.queue = new JdbcRunQueue(db);
    this.triggerState = new JdbcTriggerState(db);
    this.monitorWindows = new JdbcMonitorWindows(db);
    this.alerts = new JdbcAlerts(db);
  }

  /**
   * Opens the store at a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}) for the
   * project in {@code projectDir} (which scopes the hash cache).
   */
  public static MetadataStore open(String jdbcUrl, Path projectDir) {
    Database db = Database.open(jdbcUrl);
    try {
      Migrations.ensure(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new MetadataStore(db, projectDir);
  }

  /** The project's embedded store: {@code .kiln/kiln.db}. */
  public static String sqliteUrl(Path projectDir) {
    return "jdbc:sqlite:" + projectDir.resolve(".kiln").resolve("kiln.db").toAbsolutePath().normalize();
  }

  public RunHistory runs() {
    return runs;
  }

  public HashCache hashes() {
    return hashes;
  }

  public dev.kiln.release.registry.ModelRegistry registry() {
    return registry;
  }

  public dev.kiln.release.approval.Approvals approvals() {
    return approvals;
  }

  public dev.kiln.release.environment.Environments environments() {
    return environments;
  }

  public dev.kiln.release.environment.ControllerLeases controllerLeases() {
    return leases;
  }

  /** Closed monitor windows of every environment, for rules' evidence and {@code kiln monitor report}. */
  public dev.kiln.release.monitor.MonitorWindows monitorWindows() {
    return monitorWindows;
  }

  /** Every alert a monitor rule raised and what its actions did. */
  public dev.kiln.release.monitor.Alerts alerts() {
    return alerts;
  }

  /** Runs asked for by triggers and monitor rules, waiting for {@code kiln watch}. */
  public dev.kiln.core.runs.RunQueue runQueue() {
    return queue;
  }

  /** What {@code kiln watch} last saw of each trigger. */
  public dev.kiln.core.trigger.TriggerState triggerState() {
    return triggerState;
  }

  public Dialect dialect() {
    return db.dialect();
  }

  @Override
  public void close() {
    db.close();
  }
}
