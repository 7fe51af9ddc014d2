package dev.kiln.store;

import java.nio.file.Path;

class PostgresRegistryTest extends RegistryContract {
  @Override
  String url(Path dir) {
    return TestDatabases.freshPostgresSchema();
  }
}
