package dev.kiln.store;

import java.nio.file.Path;

class SqliteStoreTest extends RunStoreContract {
  @Override
  String url(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
