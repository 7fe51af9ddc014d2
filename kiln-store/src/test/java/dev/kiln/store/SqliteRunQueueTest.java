package dev.kiln.store;

import java.nio.file.Path;

class SqliteRunQueueTest extends RunQueueContract {
  @Override
  String url(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
