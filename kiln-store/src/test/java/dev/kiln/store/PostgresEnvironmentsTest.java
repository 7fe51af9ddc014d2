package dev.kiln.store;

import java.nio.file.Path;

class PostgresEnvironmentsTest extends EnvironmentsContract {
  @Override
  String url(Path dir) {
    return TestDatabases.freshPostgresSchema();
  }
}
