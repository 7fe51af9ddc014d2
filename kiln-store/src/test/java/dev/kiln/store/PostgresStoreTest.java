package dev.kiln.store;

import java.nio.file.Path;

class PostgresStoreTest extends RunStoreContract {
  @Override
  String url(Path dir) {
    return TestDatabases.freshPostgresSchema();
  }
}
