package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void everyMigrationFileIsListedSoTheFastStartUpCheckStaysTrue() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")).sorted())
          .containsExactlyElementsOf(Migrations.VERSIONS);
    }
  }

}
