package dev.kiln.store;

import java.nio.file.Path;

class SqliteMonitorTest extends MonitorContract {
  @Override
  String url(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
