package dev.kiln.store;

import java.nio.file.Path;

class PostgresMonitorTest extends MonitorContract {
  @Override
  String url(Path dir) {
    return TestDatabases.freshPostgresSchema();
  }
}
