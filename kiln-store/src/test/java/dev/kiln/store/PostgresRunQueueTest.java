package dev.kiln.store;

import java.nio.file.Path;

class PostgresRunQueueTest extends RunQueueContract {
  @Override
  String url(Path dir) {
    return TestDatabases.freshPostgresSchema();
  }
}
