package dev.kiln.store;

import java.nio.file.Path;

class SqliteEnvironmentsTest extends EnvironmentsContract {
  @Override
  String url(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
