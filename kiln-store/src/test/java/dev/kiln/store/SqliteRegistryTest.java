package dev.kiln.store;

import java.nio.file.Path;

class SqliteRegistryTest extends RegistryContract {
  @Override
  String url(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
